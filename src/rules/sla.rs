//! Rules of this family are added here.

use super::Ctx;
use crate::finding::Finding;

pub fn check(_ctx: &Ctx, _out: &mut Vec<Finding>) {}
