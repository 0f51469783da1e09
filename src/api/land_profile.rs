//! Commands of the Land's workspace about the Land itself: its profile.

use super::{Ctx, Result};
use crate::land_profile::{LandProfile, LandProfileInput};

/// The Land's profile, if one was saved.
pub fn get_land_profile(cx: &Ctx) -> Result<Option<LandProfile>> {
    cx.workspace.with_land(|s| s.land_profile())
}

/// Validates and stores the Land's profile.
pub fn set_land_profile(cx: &Ctx, input: LandProfileInput) -> Result<LandProfile> {
    cx.workspace.with_land(|s| s.set_land_profile(&input))
}
