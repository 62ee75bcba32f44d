//! What the command line says about `--fix`, `--diff` and `init`.

use crate::finding::{Text, count};
use crate::untrusted;

/// `--fix` in one file: `fixed 2`.
pub fn fixed_in_file(n: usize) -> Text {
    text!("fixed {n}", "已修复 {n} 处")
}

/// `Fixed 2 findings in 1 file.`; with `would`, what `--diff` would fix.
pub fn fixes(fixed: usize, files: usize, would: bool) -> Text {
    let (f, n) = (
        count(fixed, "finding", "findings"),
        count(files, "file", "files"),
    );
    if would {
        text!(
            "Would fix {f} in {n}.",
            "可在 {files} 个文件中修复 {fixed} 个问题。"
        )
    } else {
        text!(
            "Fixed {f} in {n}.",
            "已在 {files} 个文件中修复 {fixed} 个问题。"
        )
    }
}

/// `--fix` stopped after `passes` passes that each still fixed something.
pub fn fixes_unsettled(passes: usize) -> Text {
    text!(
        "warning: the fixes still changed files after {passes} passes; run `selfcheck lint --fix` again and check what it changes",
        "警告：修复进行 {passes} 轮后仍在改动文件；请再次运行 `selfcheck lint --fix` 并检查改动"
    )
}

/// What `init` wrote, and what to do next; `dir` as shown, `mark` the template's mark.
pub fn wrote_template(files: usize, dir: &str, mark: &str) -> Text {
    let wrote = count(files, "file", "files");
    let command = untrusted::shell_word(dir);
    text!(
        "Wrote {wrote} to {dir}. Replace the values marked {mark}, the sample USCC and the placeholder scans under attachments/, then run `selfcheck lint {command}`: it lists each one left (SUB006).\n",
        "已将 {files} 个文件写入 {dir}。请替换标有{mark}的值、示例统一社会信用代码以及 attachments/ 下的占位扫描件，然后运行 `selfcheck lint {command}`：它会逐项列出尚未替换的内容（SUB006）。\n"
    )
}
