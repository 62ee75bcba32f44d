//! Rules of this part of the challenge checklist are added here.

use crate::finding::Finding;
use crate::rules::Ctx;

pub fn check(_ctx: &Ctx, _out: &mut Vec<Finding>) {}
