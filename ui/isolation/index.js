// Isolation application (Tauri isolation pattern). Tauri loads this page in a sandboxed iframe
// and passes every IPC message of the main window through the hook below before it encrypts the
// message for the core. Only the app's own commands pass; anything else (plugin and core commands,
// unknown names) is sent on as a call of REFUSED, which no handler has, so the core answers it
// with an error and the caller gets a rejected promise instead of waiting for ever.
// COMMANDS is generated from the core's command list (`make bindings`; a core test checks it).
'use strict';

const COMMANDS = new Set([
  'add_draft_document',
  'add_dropped_reports',
  'add_evidence',
  'add_member',
  'add_reports',
  'app_info',
  'backup_folder',
  'check_ags',
  'choose_backup',
  'choose_package',
  'close_window',
  'confirm_review',
  'create_backup',
  'create_land_key',
  'export_checklist_xlsx',
  'export_follow_up',
  'export_ics',
  'export_land_report',
  'export_land_xlsx',
  'export_report',
  'export_work_list',
  'get_admin_settings',
  'get_checklist',
  'get_dashboard',
  'get_follow_up',
  'get_inventory',
  'get_land_facts',
  'get_land_overview',
  'get_land_profile',
  'get_municipal_catalogue',
  'get_municipality_history',
  'get_package_draft',
  'get_profile',
  'get_service_readiness',
  'get_start',
  'get_status',
  'import_directory',
  'import_land_key',
  'import_package',
  'import_revocation',
  'list_evidence',
  'list_history',
  'list_land_keys',
  'list_member_decisions',
  'list_members',
  'list_packages',
  'list_people',
  'list_publications',
  'list_received_reports',
  'list_report_exports',
  'open_document',
  'open_evidence',
  'open_report',
  'open_workspace',
  'preview_costs',
  'publish_package',
  'remove_draft_document',
  'remove_evidence',
  'remove_fachverfahren',
  'remove_member',
  'remove_person',
  'remove_requirement',
  'replace_land_key',
  'report_preview',
  'restore_backup',
  'review_package_draft',
  'revoke_land_key',
  'save_fachverfahren',
  'save_fingerprint_sheet',
  'save_land_key_file',
  'save_package_draft',
  'save_person',
  'save_requirement',
  'save_service',
  'set_event_attended',
  'set_item',
  'set_land_profile',
  'set_member_decision',
  'set_profile',
  'set_unsaved_input',
  'startup_probe',
  'workspace_info',
]);

// Tauri's own: a channel message too large to be evaluated directly (import progress) is
// fetched with this command.
const INTERNAL = new Set(['plugin:__TAURI_CHANNEL__|fetch']);

const REFUSED = 'isolation_refused';

window.__TAURI_ISOLATION_HOOK__ = (message) => {
  if (COMMANDS.has(message.cmd) || INTERNAL.has(message.cmd)) {
    return message;
  }
  return {
    cmd: REFUSED,
    callback: message.callback,
    error: message.error,
    options: message.options,
    payload: {},
  };
};
