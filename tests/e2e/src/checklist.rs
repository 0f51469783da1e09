//! The checklist view: an item's card (`article[data-item=ID]`) and its form for the progress.

use fantoccini::elements::Element;
use fantoccini::Locator;

use crate::App;

impl App {
    /// Waits for the element `css` finds inside the card of `item`.
    pub async fn in_item(&self, item: &str, css: &str) -> Element {
        self.find(Locator::Css(&format!("article[data-item='{item}'] {css}"))).await
    }

    /// The status of `item` its badge shows (`data-status`).
    pub async fn item_status(&self, item: &str) -> String {
        let badge = self.in_item(item, ".badge").await;
        badge.attr("data-status").await.unwrap().unwrap_or_default()
    }

    /// The owner of `item` as its card shows it.
    pub async fn item_owner(&self, item: &str) -> Element {
        self.in_item(item, "[data-testid='owner']").await
    }

    /// Opens the progress form of `item` and waits for it.
    pub async fn edit_item(&self, item: &str) {
        let toggle = self.in_item(item, "button[aria-controls]").await;
        self.centre(&toggle).await;
        toggle.click().await.unwrap();
        self.item_field(item, "status").await;
    }

    /// The field `name` (status, owner …) in the open progress form of `item`, in the middle of
    /// the window.
    pub async fn item_field(&self, item: &str, name: &str) -> Element {
        let field = self.find(Locator::Id(&format!("form-{item}-{name}"))).await;
        self.centre(&field).await;
        field
    }

    /// Submits the open progress form of `item`.
    pub async fn save_item(&self, item: &str) {
        let submit = format!("//form[.//*[@id='form-{item}-status']]//button[@type='submit']");
        let button = self.find(Locator::XPath(&submit)).await;
        self.centre(&button).await;
        button.click().await.unwrap();
    }
}
