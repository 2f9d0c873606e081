//! The bank subcommands: `check-questions`, `import-questions`, `export-bank`.
use crate::banks::review::stats::{self, Counts};
use crate::banks::review::{self, BankFile, Register, Severity};
use crate::banks::{Format, Parsed, Problem, Source, export};
use crate::config::Settings;
use crate::{db, store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn read_file(path: &Path, format: Option<Format>, bank: Option<&str>) -> Result<Parsed, Problem> {
    let name = path.display().to_string();
    let format = format
        .or_else(|| Format::from_file_name(&name))
        .ok_or_else(|| Problem::new(&name, 0, "Không nhận ra định dạng tệp (dùng --format)."))?;
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::new(&name, 0, format!("Không đọc được tệp: {e}")))?;
    crate::banks::parse(format, &Source { file: &name, bank }, &bytes)
}

fn files_of(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !review::register::is_register(p))
        .collect();
    files.sort();
    Ok(files)
}

/// How strict `check-questions` is beyond problems and error findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Strictness {
    pub require_targets: bool,
    pub deny_warnings: bool,
}

/// Prints every problem and finding as `file:line: ...`, then the counts per bank and in total; exit 1 on any
/// problem or error finding (and, when asked, on warnings or unmet targets).
pub fn check(path: &Path, strictness: Strictness) -> anyhow::Result<ExitCode> {
    let mut problems = 0;
    let mut read: Vec<(String, Parsed)> = Vec::new();
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for file in files_of(path)? {
        match read_file(&file, None, None) {
            Err(p) => {
                println!("{p}");
                problems += 1;
            }
            Ok(parsed) => {
                for p in parsed.rejected.iter().chain(&parsed.skipped) {
                    println!("{p}");
                }
                problems += parsed.rejected.len();
                let name = file.display().to_string();
                if let Some(other) = slugs.insert(parsed.bank.slug.clone(), name.clone()) {
                    println!(
                        "{name}:1: Mã ngân hàng \"{}\" đã dùng trong tệp {other}.",
                        parsed.bank.slug
                    );
                    problems += 1;
                }
                read.push((name, parsed));
            }
        }
    }
    let (register, mut findings) = Register::load(register_dir(path));
    let files: Vec<BankFile<'_>> = read
        .iter()
        .map(|(file, p)| BankFile {
            file,
            bank: &p.bank,
        })
        .collect();
    findings.extend(review::review(&files, &register));
    for f in &findings {
        println!("{f}");
    }
    let unmet = print_counts(&files);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    println!("\nLỗi định dạng: {problems}. Lỗi nội dung: {errors}. Cảnh báo: {warnings}.");
    let failed = problems > 0
        || errors > 0
        || (strictness.deny_warnings && warnings > 0)
        || (strictness.require_targets && !unmet.is_empty());
    if strictness.require_targets && !unmet.is_empty() {
        println!("Chưa đạt mục tiêu của bộ câu hỏi:");
        for u in &unmet {
            println!("  - {u}");
        }
    }
    if failed {
        return Ok(ExitCode::FAILURE);
    }
    println!("Không có lỗi.");
    Ok(ExitCode::SUCCESS)
}

/// The folder whose `legal-register.toml` applies: the folder checked, or the folder of the file checked.
fn register_dir(path: &Path) -> &Path {
    if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    }
}

/// The table of counts per bank and in total; returns the targets the total does not meet.
fn print_counts(files: &[BankFile<'_>]) -> Vec<String> {
    println!(
        "\nSố liệu (câu hỏi đang dùng; tỷ lệ câu tình huống, câu chỉ hỏi ngày/con số/số hiệu/người ký, câu có căn cứ ghi điều, khoản):"
    );
    println!("{}", stats::HEADER);
    let mut total = Counts::default();
    for f in files {
        let c = Counts::of(f.bank);
        println!("{}", c.line(&f.bank.slug));
        total.add(&c);
    }
    println!("{}", total.line("Tổng cộng"));
    println!("\nSố câu hỏi hợp lệ theo chủ đề:");
    let mut per_topic: BTreeMap<&str, usize> = BTreeMap::new();
    for q in files.iter().flat_map(|f| &f.bank.questions) {
        *per_topic.entry(q.topic.as_str()).or_default() += 1;
    }
    for (topic, n) in &per_topic {
        println!("  {n:>4}  {topic}");
    }
    total.unmet_targets()
}

pub async fn import(
    settings: &Settings,
    file: &Path,
    bank: Option<&str>,
    format: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let format = match format {
        Some(f) => Some(
            Format::from_name(f)
                .ok_or_else(|| anyhow::anyhow!("định dạng \"{f}\" không được hỗ trợ"))?,
        ),
        None => None,
    };
    let parsed = match read_file(file, format, bank) {
        Ok(p) => p,
        Err(p) => {
            println!("{p}");
            return Ok(ExitCode::FAILURE);
        }
    };
    if parsed.bank.questions.is_empty() {
        for p in parsed.rejected.iter().chain(&parsed.skipped) {
            println!("{p}");
        }
        println!("Tệp không có câu hỏi nào hợp lệ; chưa nhập gì.");
        return Ok(ExitCode::FAILURE);
    }
    let conn = db::connect(settings).await?;
    db::migrate(&conn).await?;
    let mut parsed = parsed;
    if let Some(b) = bank {
        parsed.bank.slug = crate::banks::slugify(b);
    }
    let source = file.display().to_string();
    let report =
        store::banks::import_reviewed(&conn, &settings.questions_dir, &source, &source, parsed)
            .await?;
    for p in report.rejected.iter().chain(&report.skipped) {
        println!("{p}");
    }
    for f in &report.findings {
        println!("{f}");
    }
    println!(
        "Ngân hàng {}: thêm mới {}, cập nhật {}, không đổi {}, ngừng dùng {}, bỏ qua {}, bị từ chối {}, phát hiện {}.",
        report.bank,
        report.imported,
        report.updated,
        report.unchanged,
        report.retired,
        report.skipped.len(),
        report.rejected.len(),
        report.findings.len()
    );
    Ok(if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub async fn export_bank(settings: &Settings, bank: &str, out: &Path) -> anyhow::Result<ExitCode> {
    let conn = db::connect(settings).await?;
    let parsed = store::banks::bank_as_parsed(&conn, bank)
        .await
        .map_err(|e| anyhow::anyhow!("không tìm thấy ngân hàng \"{bank}\" ({e})"))?;
    let bytes = match out.extension().and_then(|e| e.to_str()) {
        Some("toml") => export::to_toml(&parsed).into_bytes(),
        Some("xlsx") => export::to_xlsx(&parsed)?,
        _ => anyhow::bail!("tệp xuất phải có đuôi .toml hoặc .xlsx"),
    };
    std::fs::write(out, bytes)?;
    println!(
        "Đã xuất {} câu hỏi của ngân hàng {bank} ra {}.",
        parsed.questions.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
