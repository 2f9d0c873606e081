//! What each command-line subcommand does.
mod banks;
mod ops;

use crate::cli::{Cli, Command};
use crate::startup::Application;
use crate::{db, store};
use std::process::ExitCode;

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = cli.settings;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings.clone()).await?;
            tracing::info!(
                "cchc-quiz đang chạy tại {}",
                settings.public_url(app.port())
            );
            app.run_until_stopped().await?;
            tracing::info!("cchc-quiz đã dừng: mọi yêu cầu đang xử lý đã xong");
        }
        Command::Backup { out } => return ops::backup(&settings, &out).await,
        Command::Restore { file } => return ops::restore(&settings, &file).await,
        Command::Migrate { down } => {
            let conn = db::connect(&settings).await?;
            match down {
                Some(steps) => db::migrate_down(&conn, steps).await?,
                None => db::migrate(&conn).await?,
            }
            println!("Đã cập nhật cấu trúc cơ sở dữ liệu.");
        }
        Command::CheckQuestions {
            path,
            require_targets,
            deny_warnings,
        } => {
            let strictness = banks::Strictness {
                require_targets,
                deny_warnings,
            };
            return banks::check(&path, strictness);
        }
        Command::ImportQuestions { file, bank, format } => {
            return banks::import(&settings, &file, bank.as_deref(), format.as_deref()).await;
        }
        Command::ExportBank { bank, out } => {
            return banks::export_bank(&settings, &bank, &out).await;
        }
        Command::SeedLoad {
            participants,
            questions,
            out,
            password,
        } => {
            let conn = db::connect(&settings).await?;
            db::migrate(&conn).await?;
            store::banks::load_folder_at_startup(&conn, &settings.questions_dir).await?;
            let sizes = crate::seed::load::Sizes {
                participants,
                questions,
            };
            crate::seed::load::run(&settings, &conn, sizes, password.as_deref(), &out).await?;
        }
        Command::CreateUser {
            login,
            full_name,
            role,
            unit,
        } => {
            let conn = db::connect(&settings).await?;
            db::migrate(&conn).await?;
            let url = settings.public_url(settings.port);
            let link = crate::app::first_run::create_user_with_link(
                &conn,
                &url,
                &login,
                &full_name,
                &role,
                unit.as_deref(),
            )
            .await?;
            println!("Đã tạo tài khoản {login}. Liên kết đặt mật khẩu (dùng một lần):\n  {link}");
        }
        Command::SeedDemo => {
            let conn = db::connect(&settings).await?;
            db::migrate(&conn).await?;
            let hasher = crate::auth::password::Hasher::new(settings.argon2_memory_kib);
            crate::seed::demo::run(&conn, hasher).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
