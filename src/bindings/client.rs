//! What the command list ([`crate::for_each_command!`]) becomes outside Rust: the typed
//! TypeScript client (`ui/src/lib/api.ts`), the list the shell's build script turns into one
//! permission per command (`src-tauri/commands.txt`), the main window's capability, the
//! isolation hook's allow-list and the list in docs/architecture.md.

use ts_rs::Config;

use crate::api::commands::ClientCommand;

fn commands() -> Vec<ClientCommand> {
    crate::api::commands::typescript_client(&Config::new().with_large_int("number"))
}

/// `item_id` → `itemId`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type expression mentions that `bindings.ts` declares.
fn named_types(ts: &str, out: &mut std::collections::BTreeSet<String>) {
    for word in ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
            out.insert(word.to_owned());
        }
    }
}

/// `ui/src/lib/api.ts`.
pub fn api_ts() -> String {
    let commands = commands();
    let mut types = std::collections::BTreeSet::from(["ErrorCode".to_owned(), "IpcError".into()]);
    for c in &commands {
        named_types(&c.output, &mut types);
        for (_, ty) in &c.args {
            named_types(ty, &mut types);
        }
        if c.progress.is_some() {
            types.insert("Progress".into());
        }
    }
    let mut out = String::from(
        "// Generated from the command list of the core (src/api/commands.rs). Do not edit.\n\
         // One function per command, taking its arguments as one object with camelCase names.\n\n\
         import { invoke, type Channel } from '@tauri-apps/api/core';\n\
         import type {\n",
    );
    for ty in &types {
        out.push_str(&format!("  {ty},\n"));
    }
    out.push_str("} from './bindings';\n\nexport type { ErrorCode, IpcError };\n");
    for c in &commands {
        out.push('\n');
        let doc: Vec<&str> = c.doc.iter().map(|d| d.trim()).collect();
        if !doc.is_empty() {
            out.push_str(&format!("/** {} */\n", doc.join(" ")));
        }
        let mut params: Vec<String> =
            c.args.iter().map(|(name, ty)| format!("{}: {ty}", camel(name))).collect();
        if let Some(p) = c.progress {
            params.push(format!("{}: Channel<Progress>", camel(p)));
        }
        let output = if c.output == "null" { "null".to_owned() } else { c.output.clone() };
        if params.is_empty() {
            out.push_str(&format!(
                "export function {}(): Promise<{output}> {{\n  return call<{output}>('{}');\n}}\n",
                c.name, c.name
            ));
        } else {
            out.push_str(&format!(
                "export function {}(args: {{ {} }}): Promise<{output}> {{\n  return call<{output}>('{}', args);\n}}\n",
                c.name,
                params.join("; "),
                c.name
            ));
        }
    }
    let codes: Vec<String> =
        crate::error_code::ErrorCode::ALL.iter().map(|c| format!("'{}'", c.as_str())).collect();
    out.push_str(&format!(
        "\nconst ERROR_CODES: ReadonlySet<string> = new Set([{}]);\n",
        codes.join(", ")
    ));
    out.push_str(CALL);
    out
}

/// The hand-written tail of `api.ts`: the call and the error normalisation.
const CALL: &str = r#"
/** Invokes a command; every rejection becomes an {@link IpcError}. */
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

/**
 * Turns anything a command can reject with into an IpcError: the core's `{code, message, field}`
 * as is, a plain string (e.g. Tauri's own "invalid args" or "command not found") or an Error.
 */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) {
    return { code: e.code, message: e.message, field: e.field ?? null };
  }
  if (typeof e === 'string' && e.trim() !== '') {
    return { code: 'internal', message: `Interner Fehler: ${e}`, field: null };
  }
  if (e instanceof Error && e.message !== '') {
    return { code: 'internal', message: `Interner Fehler: ${e.message}`, field: null };
  }
  return {
    code: 'internal',
    message: 'Unbekannter Fehler bei der Verbindung zur Anwendung.',
    field: null,
  };
}

function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o['code'] === 'string' &&
    ERROR_CODES.has(o['code']) &&
    typeof o['message'] === 'string' &&
    (o['field'] === undefined || o['field'] === null || typeof o['field'] === 'string')
  );
}
"#;

/// `src-tauri/commands.txt`: one command per line, for the shell's build script.
pub fn commands_txt() -> String {
    crate::api::commands::NAMES.iter().map(|n| format!("{n}\n")).collect()
}

/// `src-tauri/capabilities/main.json`.
pub fn capability() -> String {
    let permissions: Vec<String> = crate::api::commands::NAMES
        .iter()
        .map(|n| format!("    \"allow-{}\"", n.replace('_', "-")))
        .collect();
    format!(
        "{{\n  \"identifier\": \"main-window\",\n  \"description\": \"What the main window may call: \
         the app's own commands, nothing else. File dialogs and opening documents happen in Rust, \
         so the web view holds no file-system, dialog or opener permission. Generated from the \
         command list of the core (src/api/commands.rs).\",\n  \"windows\": [\"main\"],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}

/// `text` with the lines between the line containing `start` and the next line containing `end`
/// replaced by `lines`.
pub fn replace_between(text: &str, start: &str, end: &str, lines: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("marker {start:?} missing"));
    let body = from + text[from..].find('\n').expect("line end") + 1;
    let to = body + text[body..].find(end).unwrap_or_else(|| panic!("marker {end:?} missing"));
    let to = text[..to].rfind('\n').map_or(to, |i| i + 1);
    format!("{}{lines}{}", &text[..body], &text[to..])
}

/// The isolation hook's allow-list (`ui/isolation/index.js`), from its committed text.
pub fn isolation_js(committed: &str) -> String {
    let names: String = crate::api::commands::NAMES.iter().map(|n| format!("  '{n}',\n")).collect();
    replace_between(committed, "const COMMANDS = new Set([", "]);", &names)
}

/// The command list of docs/architecture.md, from its committed text.
pub fn architecture_md(committed: &str) -> String {
    let mut lines = String::from("\n| Command | What it does |\n|---|---|\n");
    for c in commands() {
        let doc: Vec<&str> = c.doc.iter().map(|d| d.trim()).collect();
        lines.push_str(&format!("| `{}` | {} |\n", c.name, doc.join(" ").replace('|', "\\|")));
    }
    lines.push('\n');
    replace_between(committed, "<!-- commands: generated", "<!-- /commands -->", &lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_camel_case() {
        assert_eq!(camel("item_id"), "itemId");
        assert_eq!(camel("on_progress"), "onProgress");
        assert_eq!(camel("id"), "id");
    }

    #[test]
    fn text_between_markers_is_replaced() {
        let text = "a\n<start>\nold\nold\n<end>\nb\n";
        assert_eq!(
            replace_between(text, "<start>", "<end>", "new\n"),
            "a\n<start>\nnew\n<end>\nb\n"
        );
    }

    #[test]
    fn the_client_types_every_command() {
        let api = api_ts();
        assert!(api.contains(
            "export function set_item(args: { itemId: string; state: ItemState }): Promise<ChecklistEntry> {"
        ), "{api}");
        assert!(api.contains("onProgress: Channel<Progress>"));
        assert!(api.contains("export function get_profile(): Promise<Profile | null> {"));
        assert!(api.contains("'report_no_profile'"));
    }
}
