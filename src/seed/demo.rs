//! `seed-demo`: a realistic inspection sector to try the platform with. Thanh tra tỉnh and its divisions, a dozen
//! department inspectorates (Thanh tra sở) and the district inspectorates, as in the 2022 contest (Luật Thanh tra
//! 2025 changes the tree; organisers rename or retire units freely). About five staff per unit and one judge.
//! Running it again adds only what is missing; first passwords are printed once, for accounts created now.
use crate::auth::password::{Hasher, generate_password};
use crate::domain::Role;
use crate::entities::units;
use crate::store::people::accounts::{self, NewUser};
use crate::store::people::roster::{self, ImportReport};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};

/// (code, name, parent code, headcount)
const UNITS: &[(&str, &str, Option<&str>, i32)] = &[
    ("TTT", "Thanh tra tỉnh", None, 12),
    ("TTT-VP", "Văn phòng Thanh tra tỉnh", Some("TTT"), 9),
    ("TTT-NV1", "Phòng Nghiệp vụ 1", Some("TTT"), 7),
    ("TTT-NV2", "Phòng Nghiệp vụ 2", Some("TTT"), 7),
    ("TTT-NV3", "Phòng Nghiệp vụ 3", Some("TTT"), 6),
    (
        "TTT-TCD",
        "Phòng Tiếp công dân và Xử lý đơn thư",
        Some("TTT"),
        8,
    ),
    ("TTT-PCTN", "Phòng Phòng, chống tham nhũng", Some("TTT"), 6),
    (
        "TTT-GSKT",
        "Phòng Giám sát, kiểm tra và Xử lý sau thanh tra",
        Some("TTT"),
        6,
    ),
    ("TTS-TC", "Thanh tra Sở Tài chính", None, 8),
    ("TTS-XD", "Thanh tra Sở Xây dựng", None, 9),
    ("TTS-GDDT", "Thanh tra Sở Giáo dục và Đào tạo", None, 7),
    ("TTS-YT", "Thanh tra Sở Y tế", None, 8),
    (
        "TTS-NNMT",
        "Thanh tra Sở Nông nghiệp và Môi trường",
        None,
        10,
    ),
    ("TTS-CT", "Thanh tra Sở Công Thương", None, 6),
    ("TTS-KHCN", "Thanh tra Sở Khoa học và Công nghệ", None, 5),
    (
        "TTS-VHTTDL",
        "Thanh tra Sở Văn hóa, Thể thao và Du lịch",
        None,
        6,
    ),
    ("TTS-NV", "Thanh tra Sở Nội vụ", None, 6),
    ("TTS-TP", "Thanh tra Sở Tư pháp", None, 5),
    ("TTS-DTTG", "Thanh tra Sở Dân tộc và Tôn giáo", None, 5),
    ("TTS-NGV", "Thanh tra Sở Ngoại vụ", None, 5),
    ("TTH-TP", "Thanh tra thành phố", None, 8),
    ("TTH-TX", "Thanh tra thị xã Hòa Bình", None, 6),
    ("TTH-AP", "Thanh tra huyện An Phú", None, 5),
    ("TTH-BS", "Thanh tra huyện Bình Sơn", None, 5),
    ("TTH-PL", "Thanh tra huyện Phú Lộc", None, 5),
    ("TTH-TT", "Thanh tra huyện Tân Thành", None, 5),
    ("TTH-DH", "Thanh tra huyện Đức Hòa", None, 5),
    ("TTH-LS", "Thanh tra huyện Long Sơn", None, 5),
];

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Minh", "Thanh", "Đức", "Ngọc", "Quốc", "Thu", "Hữu", "Kim",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
    "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân",
    "Yến",
];
const POSITIONS: &[&str] = &[
    "Chánh Thanh tra",
    "Phó Chánh Thanh tra",
    "Thanh tra viên chính",
    "Thanh tra viên",
    "Chuyên viên",
];
const STAFF_PER_UNIT: usize = 5;

pub async fn run(db: &DatabaseConnection, hasher: Hasher) -> anyhow::Result<()> {
    let added = ensure_units(db).await?;
    let prepared = roster::prepare(db, hasher, roster_csv().as_bytes(), "seed-demo.csv")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let txn = db.begin().await?;
    let report = roster::import(&txn, None, prepared)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    txn.commit().await?;
    let judge = ensure_judge(db, hasher).await?;
    println!(
        "Đơn vị mới: {added}. Cán bộ mới: {}, đã có: {}.",
        report.created,
        report.unchanged + report.updated
    );
    print_slips(&report, judge);
    Ok(())
}

async fn ensure_units(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let mut known = crate::store::units::by_code(db).await?;
    let mut added = 0;
    for (order, (code, name, parent, headcount)) in UNITS.iter().enumerate() {
        if known.contains_key(*code) {
            continue;
        }
        let now = Utc::now();
        let unit = units::ActiveModel {
            code: Set((*code).to_owned()),
            name: Set((*name).to_owned()),
            parent_id: Set(parent.and_then(|p| known.get(p)).map(|p| p.id)),
            headcount: Set(*headcount),
            display_order: Set(i32::try_from(order).unwrap_or(0)),
            retired: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        known.insert(unit.code.clone(), unit);
        added += 1;
    }
    Ok(added)
}

/// The demo staff as a roster file, so the demo goes through the same import as real data.
fn roster_csv() -> String {
    let mut csv = String::from("Mã cán bộ,Họ và tên,Mã đơn vị,Chức vụ,Email,Số điện thoại,CCCD\n");
    let mut n = 0usize;
    for (code, _, _, _) in UNITS {
        for i in 0..STAFF_PER_UNIT {
            n += 1;
            let name = format!(
                "{} {} {}",
                FAMILY[n % FAMILY.len()],
                MIDDLE[(n / 3) % MIDDLE.len()],
                GIVEN[(n * 7) % GIVEN.len()]
            );
            let login = format!("{}-{:02}", code.to_lowercase(), i + 1);
            csv.push_str(&format!(
                "{login},{name},{code},{},{login}@demo.thanhtra.gov.vn,09{n:08},0010900{n:05}\n",
                POSITIONS[i % POSITIONS.len()]
            ));
        }
    }
    csv
}

async fn ensure_judge(db: &DatabaseConnection, hasher: Hasher) -> anyhow::Result<Option<String>> {
    if accounts::find_by_login(db, "giamkhao")
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .is_some()
    {
        return Ok(None);
    }
    let password = generate_password();
    let hash = hasher
        .hash_blocking(password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let new = NewUser {
        login: "giamkhao".into(),
        full_name: "Trưởng Ban Giám khảo".into(),
        role: Role::Judge,
        unit_id: None,
        position: None,
        email: None,
        phone: None,
        cccd: None,
        password_hash: Some(hash),
    };
    accounts::insert(db, new)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Some(password))
}

fn print_slips(report: &ImportReport, judge: Option<String>) {
    if report.slips.is_empty() && judge.is_none() {
        println!("Không có tài khoản mới (dữ liệu mẫu đã có từ trước).");
        return;
    }
    println!("Mật khẩu đầu tiên (chỉ in một lần):");
    if let Some(pw) = judge {
        println!("  giamkhao            {pw}   Ban Giám khảo");
    }
    for s in &report.slips {
        println!(
            "  {:<18}  {}   {} ({})",
            s.login, s.password, s.full_name, s.unit
        );
    }
}
