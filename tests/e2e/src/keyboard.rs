//! Keyboard-only driving: Tab to a control by its accessible name, type into the focused
//! control, press keys, and check that the focus is visible at every stop. No clicks.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::Value;

use crate::App;

/// The most Tab presses to reach a control before giving up.
const MAX_TABS: usize = 200;

/// JavaScript: the focused element's accessible name (roughly as assistive technology computes
/// it), whether the focus is visibly drawn, and its tag.
const DESCRIBE_FOCUS: &str = r#"
const e = document.activeElement;
if (!e || e === document.body) return { name: '', visible: false, tag: 'body' };
const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
const name = (e.getAttribute('aria-label')
  || (e.getAttribute('aria-labelledby') && byIds(e.getAttribute('aria-labelledby')))
  || (e.labels && e.labels.length ? e.labels[0].textContent : '')
  || e.textContent || e.value || '').replace(/\s+/g, ' ').trim();
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const shadow = s.boxShadow && s.boxShadow !== 'none';
return { name, visible: outline || shadow, tag: e.tagName.toLowerCase() };
"#;

/// What has the focus.
#[derive(Debug, Clone)]
pub struct Focus {
    pub name: String,
    pub visible: bool,
    pub tag: String,
}

impl App {
    /// Describes the focused element.
    pub async fn focus(&self) -> Focus {
        let v: Value = self.client.execute(DESCRIBE_FOCUS, vec![]).await.unwrap();
        Focus {
            name: v["name"].as_str().unwrap_or_default().to_owned(),
            visible: v["visible"].as_bool().unwrap_or(false),
            tag: v["tag"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// Sends keys to the focused element.
    pub async fn keys(&self, keys: &str) {
        let active = self.client.active_element().await.unwrap();
        active.send_keys(keys).await.unwrap();
    }

    /// Presses one special key (Tab, Enter, Space, arrows …).
    pub async fn press(&self, key: Key) {
        self.keys(&key.to_string()).await;
    }

    /// Presses Tab until the control whose accessible name starts with `name` has the focus,
    /// asserting on the way that every focused control shows a visible focus indicator.
    pub async fn tab_to(&self, name: &str) -> Element {
        let mut seen = Vec::new();
        for _ in 0..MAX_TABS {
            self.press(Key::Tab).await;
            let focus = self.focus().await;
            assert!(
                focus.visible || focus.tag == "body",
                "focus on <{}> {:?} is not visible",
                focus.tag,
                focus.name
            );
            if focus.name.starts_with(name) {
                return self.client.active_element().await.unwrap();
            }
            seen.push(focus.name);
        }
        panic!("{name:?} not reachable with Tab; focus went through {seen:?}");
    }

    /// Tabs to the control named `name` and activates it with Enter.
    pub async fn activate(&self, name: &str) {
        self.tab_to(name).await;
        self.press(Key::Enter).await;
    }

    /// Tabs to the field named `label` and replaces its content with `text`.
    pub async fn type_into(&self, label: &str, text: &str) {
        self.tab_to(label).await;
        // Ctrl+A selects what is there (Null releases Ctrl), typing replaces it.
        self.keys(&format!("{}a{}{text}", Key::Control, Key::Null)).await;
    }
}
