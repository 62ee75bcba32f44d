//! The words of the command line's help ([`super::help`]), in both languages: each command's
//! summary, each argument's help and value name, and the words clap would otherwise write.

use selfcheck::finding::Text;
use selfcheck::text;

/// The summary of the command `name` (`""`: selfcheck itself).
pub fn about(name: &str) -> Text {
    match name {
        "" => text!(
            "Lints a cross-border seller's onboarding submission before review",
            "在提交审核前检查跨境卖家的入驻申请材料"
        ),
        "lint" => text!(
            "Lint submission folders, or folders holding many",
            "检查提交文件夹，或包含多份提交的文件夹"
        ),
        "forecast" => text!(
            "When each submission starts failing, and the challenge's deadlines (human, JSON, iCalendar)",
            "每份提交从哪天起不再通过，以及挑战赛的截止日期（表格、JSON、iCalendar）"
        ),
        "rules" => text!("The checklist as a table", "以表格列出检查清单"),
        "init" => text!(
            "Write a commented template submission into a new folder",
            "在新文件夹中生成带注释的提交模板"
        ),
        "schema" => text!(
            "Print the JSON Schema of a document, for editor completion and validation",
            "输出文档的 JSON Schema，供编辑器补全和校验"
        ),
        "completions" => text!(
            "Print a shell completion script (bash, zsh, fish, powershell, elvish)",
            "输出命令行补全脚本（bash、zsh、fish、powershell、elvish）"
        ),
        "server" => text!(
            "Speak the Language Server Protocol on standard input and output, for editors",
            "在标准输入输出上运行语言服务器协议（LSP），供编辑器使用"
        ),
        "explain" => text!("A rule's full documentation", "某条规则的完整说明"),
        _ => Text::new("", ""),
    }
}

/// The help of the argument `id` of the command `command`, and its value name where it takes a
/// value. An argument with no words here has an empty help (a test of [`super::help`] finds it).
pub fn argument(command: &str, id: &str) -> (Text, Option<Text>) {
    let help = own_argument(command, id)
        .or_else(|| run_argument(id))
        .unwrap_or_else(|| Text::new("", ""));
    (help, value_name(id))
}

/// The help of an argument of one command, or of one command's own meaning of a shared one.
fn own_argument(command: &str, id: &str) -> Option<Text> {
    Some(match (command, id) {
        ("init", "today") => text!(
            "The as-of date the template's dates are computed from (default: today, UTC+8)",
            "模板中各日期据以推算的基准日期（默认：今天，UTC+8）"
        ),
        ("server", "lang") => text!(
            "Language of the messages (default: the editor's, else the locale's)",
            "消息语言（默认：编辑器的语言，其次是系统区域设置）"
        ),
        ("rules", "checks") => text!(
            "Also list the rules of this rule-pack folder (repeatable)",
            "同时列出此规则包文件夹中的规则（可重复）"
        ),
        ("explain", "checks") => text!(
            "Also look in this rule-pack folder (repeatable)",
            "同时在此规则包文件夹中查找（可重复）"
        ),
        ("lint", "format") => text!(
            "Output format (human output is coloured only on a terminal)",
            "输出格式（human 格式仅在终端上着色）"
        ),
        ("forecast", "format") => text!(
            "Output format: a table sorted by date, JSON, or an iCalendar file",
            "输出格式：按日期排序的表格、JSON 或 iCalendar 日历文件"
        ),
        ("rules", "format") => text!("Output format: a table, or JSON", "输出格式：表格或 JSON"),
        (_, "output") => text!(
            "Also write FORMAT to PATH from the same run (repeatable), e.g. `sarif=selfcheck.sarif`",
            "在同一次运行中另将 FORMAT 格式写入 PATH（可重复），例如 `sarif=selfcheck.sarif`"
        ),
        (_, "allow_no_submission") => text!(
            "Pass over paths that hold no submission instead of failing (for pre-commit hooks); a path that does not exist still fails",
            "跳过不含提交的路径而不报错（用于 pre-commit 钩子）；不存在的路径仍然报错"
        ),
        (_, "fix") => text!(
            "Apply the safe fixes until none is left, then lint again and report what is left",
            "反复应用安全修复直到无可修复，然后重新检查并报告剩余问题"
        ),
        (_, "diff") => text!(
            "Print the fixes `--fix` would apply as a unified diff; change nothing",
            "以统一差异格式输出 `--fix` 将做的修改；不改动任何文件"
        ),
        (_, "days") => text!(
            "Days after each submission's as-of date to look at (a positive number)",
            "从每份提交的基准日期起向后查看的天数（正整数）"
        ),
        (_, "dir") => text!(
            "The folder to create; it must not exist or must be empty",
            "要创建的文件夹；它必须不存在或为空"
        ),
        (_, "program") => text!("The programme the template is for", "模板所属的项目"),
        (_, "document") => text!(
            "submission, license, customs, returns, service, fulfillment, compliance, logistics, plan or registrations; without it, the list of documents",
            "submission、license、customs、returns、service、fulfillment、compliance、logistics、plan 或 registrations；省略时列出全部文档"
        ),
        (_, "shell") => text!("The shell", "命令行外壳（shell）"),
        (_, "code") => text!("The rule's code, e.g. CUS007", "规则代码，例如 CUS007"),
        _ => return None,
    })
}

/// The help of an argument `lint` and `forecast` share (and other commands take too).
fn run_argument(id: &str) -> Option<Text> {
    Some(match id {
        "paths" => text!(
            "Submission folders, or folders holding many submissions",
            "提交文件夹，或包含多份提交的文件夹"
        ),
        "fail_on" => text!(
            "The severity that fails: `lint` exits 1 on a finding at or above it, and for `forecast` a new finding at or above it is a break",
            "判为不通过的严重级别：`lint` 遇到该级别及以上的问题时以 1 退出；`forecast` 把新出现的该级别及以上问题记为失效"
        ),
        "today" => text!(
            "The as-of date for every date rule (YYYY-MM-DD)",
            "所有日期规则使用的基准日期（YYYY-MM-DD）"
        ),
        "lang" => text!(
            "Language of the messages (default from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; zh-CN, zh_CN, zh-Hans and cn are Chinese too)",
            "消息语言（默认依次取 LANGUAGE、LC_ALL、LC_MESSAGES、LANG；zh-CN、zh_CN、zh-Hans 和 cn 也表示中文）"
        ),
        "select" => text!(
            "Only these codes or prefixes (e.g. `RET,CUS007`)",
            "只检查这些代码或前缀（例如 `RET,CUS007`）"
        ),
        "ignore" => text!(
            "Never these codes or prefixes (e.g. `SLA004,FUL`)",
            "不检查这些代码或前缀（例如 `SLA004,FUL`）"
        ),
        "config" => text!(
            "A configuration file for every submission, instead of the `.selfcheck.yaml` files found (the agency's above a submission, else the submission's own)",
            "所有提交共用的配置文件，取代找到的 `.selfcheck.yaml`（提交上层的代理商配置，否则为提交自己的配置）"
        ),
        "no_inline_suppressions" => text!(
            "Do not honour `# selfcheck: ignore[…]` comments: the findings they name count (a gate the gated party cannot silence)",
            "不采纳 `# selfcheck: ignore[…]` 注释：其屏蔽的问题照常计入（被检查方无法关闭的检查）"
        ),
        "checks" => text!(
            "A folder of rule-pack YAML files (repeatable)",
            "规则包 YAML 文件所在的文件夹（可重复）"
        ),
        "shard" => text!(
            "Only the K-th of N deterministic slices of the submissions found (CI matrices)",
            "只检查所找到提交的 N 个固定分片中的第 K 个（用于 CI 矩阵）"
        ),
        _ => return None,
    })
}

/// The name of the value the argument `id` takes, as help and usage lines show it.
fn value_name(id: &str) -> Option<Text> {
    Some(match id {
        "paths" => text!("PATHS", "路径"),
        "fail_on" => text!("FAIL_ON", "级别"),
        "today" => text!("TODAY", "日期"),
        "lang" => text!("LANG", "语言"),
        "select" => text!("SELECT", "代码"),
        "ignore" => text!("IGNORE", "代码"),
        "config" => text!("CONFIG", "文件"),
        "checks" | "dir" => text!("DIR", "文件夹"),
        "format" => text!("FORMAT", "格式"),
        "output" => text!("FORMAT=PATH", "格式=路径"),
        "days" => text!("DAYS", "天数"),
        "program" => text!("PROGRAM", "项目"),
        "document" => text!("DOCUMENT", "文档"),
        "code" => text!("CODE", "代码"),
        _ => return None,
    })
}

/// The value name of a subcommand: `selfcheck <COMMAND>`.
pub fn command_value() -> Text {
    text!("COMMAND", "命令")
}

pub fn usage_heading() -> Text {
    text!("Usage:", "用法:")
}

pub fn commands_heading() -> Text {
    text!("Commands", "命令")
}

pub fn arguments_heading() -> Text {
    text!("Arguments", "参数")
}

pub fn options_heading() -> Text {
    text!("Options", "选项")
}

/// `[OPTIONS]` in a usage line.
pub fn options_placeholder() -> Text {
    text!("[OPTIONS]", "[选项]")
}

pub fn help_help() -> Text {
    text!("Print help", "显示帮助")
}

pub fn version_help() -> Text {
    text!("Print version", "显示版本")
}

/// The `help` subcommand.
pub fn help_command() -> Text {
    text!(
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助，或指定子命令的帮助"
    )
}

/// `[default: human]`.
pub fn default_value(value: &str) -> Text {
    text!("[default: {value}]", "[默认: {value}]")
}

/// `[possible values: en, zh]`.
pub fn possible_values(values: &[String]) -> Text {
    let (en, zh) = (values.join(", "), values.join("、"));
    text!("[possible values: {en}]", "[可选: {zh}]")
}
