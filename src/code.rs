//! Rule codes. The built-in codes form one closed enum and each is written once, here; the rule
//! registry (`rules::registry`) binds each to its programme and check, and `checks/<CODE>.yaml`
//! documents it. Codes never move or get reused. A rule pack's codes come from its files.

use std::fmt;
use std::sync::Arc;

macro_rules! codes {
    ($($code:ident)*) => {
        /// A built-in rule's code.
        #[allow(clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every built-in code, in order.
            pub const ALL: &[Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }
        }
    };
}

codes! {
    SUB001 SUB002 SUB003 SUB004 SUB005 SUB006
    SEL001 SEL002 SEL003
    STO001 STO002 STO003 STO004 STO005
    LIC001 LIC002 LIC003 LIC004 LIC005 LIC006 LIC007
    CUS001 CUS002 CUS003 CUS004 CUS005 CUS006 CUS007 CUS008 CUS009 CUS010
    RET001 RET002 RET003 RET004 RET005 RET006 RET007 RET008 RET009
    SLA001 SLA002 SLA003 SLA004 SLA005 SLA006
    FUL001 FUL002 FUL003 FUL004 FUL005
    CMP001 CMP002 CMP003 CMP004 CMP005
    CHL001 CHL002 CHL003 CHL004 CHL005 CHL006 CHL007 CHL008 CHL009 CHL010
    CHL011 CHL012 CHL013 CHL014 CHL015 CHL016 CHL017 CHL018 CHL019 CHL020
    CHL021
}

impl Code {
    /// The built-in code written `s`, exactly.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code a finding carries: a built-in rule's, or a rule pack's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuleCode {
    Builtin(Code),
    Pack(Arc<str>),
}

impl RuleCode {
    pub fn as_str(&self) -> &str {
        match self {
            RuleCode::Builtin(c) => c.as_str(),
            RuleCode::Pack(c) => c,
        }
    }
}

impl From<Code> for RuleCode {
    fn from(c: Code) -> RuleCode {
        RuleCode::Builtin(c)
    }
}

impl PartialEq<str> for RuleCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for RuleCode {
    fn eq(&self, other: &Code) -> bool {
        *self == RuleCode::Builtin(*other)
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_stay_sorted() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(Code::parse("CUS07"), None);
        let mut sorted = Code::ALL.to_vec();
        sorted.sort_by_key(|c| (c.as_str().get(..3).map(family_rank), c.as_str()));
        assert_eq!(sorted, Code::ALL, "grouped by family, numbered in order");
    }

    fn family_rank(family: &str) -> usize {
        [
            "SUB", "SEL", "STO", "LIC", "CUS", "RET", "SLA", "FUL", "CMP", "CHL",
        ]
        .iter()
        .position(|f| *f == family)
        .unwrap_or(usize::MAX)
    }
}
