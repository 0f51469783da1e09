'use strict';
window.__TAURI_ISOLATION_HOOK__ = (payload) => payload;
