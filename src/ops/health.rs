//! Readiness: what must hold before a proxy sends people here. The database answers, every migration this
//! binary knows is applied, and at least one question bank is loaded (otherwise no attempt can be drawn).
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Each check by name, with `None` when it holds or the reason when it does not.
pub async fn readiness(db: &DatabaseConnection) -> Vec<(&'static str, Option<String>)> {
    let database = match db.execute_unprepared("SELECT 1").await {
        Ok(_) => None,
        Err(e) => Some(format!("không kết nối được cơ sở dữ liệu: {e}")),
    };
    if database.is_some() {
        return vec![
            ("database", database),
            ("migrations", Some("chưa kiểm tra".into())),
            ("banks", Some("chưa kiểm tra".into())),
        ];
    }
    vec![
        ("database", None),
        ("migrations", migrations(db).await),
        ("banks", banks(db).await),
    ]
}

async fn migrations(db: &DatabaseConnection) -> Option<String> {
    match Migrator::get_pending_migrations(db).await {
        Ok(pending) if pending.is_empty() => None,
        Ok(pending) => Some(format!(
            "còn {} bản cập nhật cấu trúc chưa chạy",
            pending.len()
        )),
        Err(e) => Some(format!("không đọc được trạng thái cập nhật cấu trúc: {e}")),
    }
}

async fn banks(db: &DatabaseConnection) -> Option<String> {
    let sql = "SELECT COUNT(*) AS n FROM question_banks";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await;
    match row.map(|r| r.and_then(|r| r.try_get::<i64>("", "n").ok())) {
        Ok(Some(n)) if n > 0 => None,
        Ok(_) => Some("chưa nạp ngân hàng câu hỏi nào".into()),
        Err(e) => Some(format!("không đọc được ngân hàng câu hỏi: {e}")),
    }
}
