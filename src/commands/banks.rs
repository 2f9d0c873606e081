//! The bank subcommands: `check-questions`, `import-questions`, `export-bank`.
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
        .collect();
    files.sort();
    Ok(files)
}

/// Prints every problem as `file:line: message`, then the count per topic; exit 1 on any problem.
pub fn check(path: &Path) -> anyhow::Result<ExitCode> {
    let mut problems = 0;
    let mut per_topic: BTreeMap<String, usize> = BTreeMap::new();
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for file in files_of(path)? {
        match read_file(&file, None, None) {
            Err(p) => {
                println!("{p}");
                problems += 1;
            }
            Ok(parsed) => {
                for p in &parsed.rejected {
                    println!("{p}");
                }
                for p in &parsed.skipped {
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
                for q in &parsed.bank.questions {
                    *per_topic.entry(q.topic.clone()).or_default() += 1;
                }
            }
        }
    }
    println!("\nSố câu hỏi hợp lệ theo chủ đề:");
    for (topic, n) in &per_topic {
        println!("  {n:>4}  {topic}");
    }
    println!("  {:>4}  Tổng cộng", per_topic.values().sum::<usize>());
    if problems > 0 {
        println!("\nCó {problems} lỗi cần sửa.");
        return Ok(ExitCode::FAILURE);
    }
    println!("\nKhông có lỗi.");
    Ok(ExitCode::SUCCESS)
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
    for p in parsed.rejected.iter().chain(&parsed.skipped) {
        println!("{p}");
    }
    if parsed.bank.questions.is_empty() {
        println!("Tệp không có câu hỏi nào hợp lệ; chưa nhập gì.");
        return Ok(ExitCode::FAILURE);
    }
    let conn = db::connect(settings).await?;
    db::migrate(&conn).await?;
    let mut bank_data = parsed.bank;
    if let Some(b) = bank {
        bank_data.slug = crate::banks::slugify(b);
    }
    let source = file.display().to_string();
    let report =
        store::banks::upsert_bank_with(&conn, &bank_data, &source, parsed.rejected.is_empty())
            .await?;
    println!(
        "Ngân hàng {}: thêm mới {}, cập nhật {}, không đổi {}, ngừng dùng {}, bỏ qua {}, bị từ chối {}.",
        report.bank,
        report.imported,
        report.updated,
        report.unchanged,
        report.retired,
        parsed.skipped.len(),
        parsed.rejected.len()
    );
    Ok(if parsed.rejected.is_empty() {
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
