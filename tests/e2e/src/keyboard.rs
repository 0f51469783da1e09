//! Keyboard-only driving: Tab to a control by its accessible name, type into the focused
//! control, press keys, and check that the focus is visible at every stop. No clicks.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::Value;

use crate::{heading_of, App};

/// The most Tab presses to reach a control before giving up.
const MAX_TABS: usize = 200;

/// JavaScript: the focused element's accessible name (roughly as assistive technology computes
/// it), whether the focus is visibly drawn, and its tag.
const DESCRIBE_FOCUS: &str = r#"
const e = document.activeElement;
if (!e || e === document.body) return { name: '', visible: false, tag: 'body', nav: false };
const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
const name = (e.getAttribute('aria-label')
  || (e.getAttribute('aria-labelledby') && byIds(e.getAttribute('aria-labelledby')))
  || (e.labels && e.labels.length ? e.labels[0].textContent : '')
  || e.textContent || e.value || '').replace(/\s+/g, ' ').trim();
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const shadow = s.boxShadow && s.boxShadow !== 'none';
return { name, visible: outline || shadow, tag: e.tagName.toLowerCase(), nav: !!e.closest('nav') };
"#;

/// What has the focus.
#[derive(Debug, Clone)]
pub struct Focus {
    pub name: String,
    pub visible: bool,
    pub tag: String,
    /// Whether it is in the main navigation.
    pub nav: bool,
}

impl App {
    /// Describes the focused element.
    pub async fn focus(&self) -> Focus {
        let v: Value = self.client.execute(DESCRIBE_FOCUS, vec![]).await.unwrap();
        Focus {
            name: v["name"].as_str().unwrap_or_default().to_owned(),
            visible: v["visible"].as_bool().unwrap_or(false),
            tag: v["tag"].as_str().unwrap_or_default().to_owned(),
            nav: v["nav"].as_bool().unwrap_or(false),
        }
    }

    /// Types `keys` into whatever has the focus, one key down and up after the other (WebDriver
    /// actions: unlike "send keys to an element", they do not move the focus first, which would
    /// reset it inside a date field).
    pub async fn keys(&self, keys: &str) {
        let mut actions = KeyActions::new("tastatur".into());
        for value in keys.chars() {
            actions = actions.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Presses `key` while `modifier` is held, e.g. Shift+Tab.
    pub async fn chord(&self, modifier: Key, key: Key) {
        let (m, k) = (char::from(modifier), char::from(key));
        let actions = KeyActions::new("tastatur".into())
            .then(KeyAction::Down { value: m })
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k })
            .then(KeyAction::Up { value: m });
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Presses one special key (Tab, Enter, Space, arrows …).
    pub async fn press(&self, key: Key) {
        self.keys(&key.to_string()).await;
    }

    /// Presses Tab until the control whose accessible name starts with `name` has the focus,
    /// asserting on the way that every focused control shows a visible focus indicator.
    pub async fn tab_to(&self, name: &str) -> Element {
        self.tab_until(name, false, |f| f.name.starts_with(name)).await
    }

    /// Goes back with Shift+Tab to the link of the main navigation named `view` (the
    /// navigation comes before the content), follows it and waits for the view's heading.
    pub async fn go_to(&self, view: &str) {
        self.tab_until(view, true, |f| f.nav && f.name == view).await;
        self.press(Key::Enter).await;
        self.heading(heading_of(view)).await;
    }

    async fn tab_until(
        &self,
        what: &str,
        backwards: bool,
        found: impl Fn(&Focus) -> bool,
    ) -> Element {
        let mut seen = Vec::new();
        for _ in 0..MAX_TABS {
            if backwards {
                self.chord(Key::Shift, Key::Tab).await;
            } else {
                self.press(Key::Tab).await;
            }
            let focus = self.focus().await;
            if !(focus.visible || focus.tag == "body") {
                self.screenshot("fokus-unsichtbar").await;
            }
            assert!(
                focus.visible || focus.tag == "body",
                "focus on <{}> {:?} is not visible",
                focus.tag,
                focus.name
            );
            if found(&focus) {
                return self.client.active_element().await.unwrap();
            }
            seen.push(focus.name);
        }
        panic!("{what:?} not reachable with Tab; focus went through {seen:?}");
    }

    /// Tabs to the control named `name` and activates it with Enter.
    pub async fn activate(&self, name: &str) {
        self.tab_to(name).await;
        self.press(Key::Enter).await;
    }

    /// Tabs to the field named `label` and replaces its content with `text`.
    pub async fn type_into(&self, label: &str, text: &str) {
        let field = self.tab_to(label).await;
        // Delete what is there with End and Backspace (WebKitGTK's driver ignores Ctrl+A).
        let old = field.prop("value").await.unwrap().unwrap_or_default();
        let erase = Key::Backspace.to_string().repeat(old.chars().count());
        self.keys(&format!("{}{erase}{text}", Key::End)).await;
    }
}
