//! The use cases: each write and each attempt operation is one function here, called alike by the JSON API
//! (`routes::api`) and the web pages (`routes::pages`). A use case owns the load-shaping slot or write gate, the
//! transaction, the audit entry and the cache invalidation; handlers only parse the request and render the answer.
pub mod attempts;
pub mod banks;
pub mod documents;
pub mod first_run;
pub mod home;
pub mod people;
pub mod results;
pub mod rounds;
pub mod session;
pub mod settings;
pub mod state;
pub mod sweep;
pub mod units;

pub use state::AppState;
