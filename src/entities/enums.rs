//! How the domain's enums (`crate::domain::Role`, ...) are stored: as their text name (`"organiser"`) in a TEXT
//! column, the same values the CHECK constraints of the migrations list. Kept here so the domain needs no
//! sea-orm; a value the domain does not know reads back as a type error, never a panic.
use crate::domain::{AttemptStatus, Counting, PredictionKind, Reveal, Role, ShowNames};
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, Value, ValueType, ValueTypeErr};
use sea_orm::{ActiveValue, ColIdx, DbErr, IntoActiveValue, QueryResult, TryGetError, TryGetable};

macro_rules! text_column {
    ($($name:ident),+ $(,)?) => {$(
        impl From<$name> for Value {
            fn from(v: $name) -> Value {
                Value::from(v.as_str())
            }
        }

        impl ValueType for $name {
            fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
                <String as ValueType>::try_from(v)?
                    .parse()
                    .map_err(|_| ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> ArrayType {
                <String as ValueType>::array_type()
            }

            fn column_type() -> ColumnType {
                ColumnType::Text
            }
        }

        impl Nullable for $name {
            fn null() -> Value {
                <String as Nullable>::null()
            }
        }

        impl TryGetable for $name {
            fn try_get_by<I: ColIdx>(res: &QueryResult, idx: I) -> Result<Self, TryGetError> {
                <String as TryGetable>::try_get_by(res, idx)?
                    .parse()
                    .map_err(|e: crate::domain::UnknownName| TryGetError::DbErr(DbErr::Type(e.to_string())))
            }
        }

        impl IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> ActiveValue<$name> {
                ActiveValue::set(self)
            }
        }
    )+};
}

text_column!(
    Role,
    AttemptStatus,
    Counting,
    PredictionKind,
    Reveal,
    ShowNames
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_is_stored_as_its_name_and_reads_back() {
        for role in Role::ALL {
            let value = Value::from(*role);
            assert_eq!(value, Value::from(role.as_str()));
            assert_eq!(<Role as ValueType>::try_from(value).ok(), Some(*role));
        }
        let stored = Value::from(Reveal::AfterClose);
        assert_eq!(stored, Value::from("after_close"));
        assert!(<Counting as ValueType>::try_from(Value::from("most")).is_err());
        assert_eq!(<ShowNames as ValueType>::column_type(), ColumnType::Text);
    }
}
