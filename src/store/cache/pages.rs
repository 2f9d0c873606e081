//! Pages that look the same to every visitor without a session (the home page), kept rendered: the bytes and
//! their gzip form, made once instead of per request (issue 15: `/` read rounds, publications, banks and a
//! setting on every anonymous request).
//!
//! A change made on this instance is seen at once: the use cases that change what such a page shows (rounds,
//! publication, banks, settings) call [`PageCache::forget`]. A change made by another instance sharing the
//! database (or by a command such as `import-questions`) shows within [`PAGE_TTL`]: that is the bound on
//! staleness with several instances. A page also expires at the moment it names (a round opening or closing),
//! so the clock alone never leaves it wrong.
use bytes::Bytes;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The oldest a kept page may be (changes made on another instance show within this).
pub const PAGE_TTL: Duration = Duration::from_secs(5);

/// A rendered page: its HTML and, when smaller, its gzip form.
pub struct RenderedPage {
    pub html: Bytes,
    pub gzip: Option<Bytes>,
}

#[derive(Default)]
struct Slot {
    page: Option<(Arc<RenderedPage>, Instant)>,
    /// Counts the changes: a page rendered from data read before a change is not kept.
    generation: u64,
}

/// One kept page.
#[derive(Default)]
pub struct PageCache {
    slot: RwLock<Slot>,
    /// Concurrent visitors of an expired page wait for one rendering.
    refresh: tokio::sync::Mutex<()>,
}

impl PageCache {
    /// The kept page if it is still valid, else the one `render` makes (once, however many ask at the same
    /// time). `render` returns the page and the moment it stops being true by the clock (if any).
    pub async fn get_or_render<F, Fut, E>(&self, render: F) -> Result<Arc<RenderedPage>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(RenderedPage, Option<Instant>), E>>,
    {
        if let Some(page) = self.fresh() {
            return Ok(page);
        }
        let _turn = self.refresh.lock().await;
        if let Some(page) = self.fresh() {
            return Ok(page);
        }
        let generation = self.read(|s| s.generation);
        let (page, expires) = render().await?;
        let page = Arc::new(page);
        let until = expires.map_or(Instant::now() + PAGE_TTL, |at| {
            at.min(Instant::now() + PAGE_TTL)
        });
        if let Ok(mut slot) = self.slot.write()
            && slot.generation == generation
        {
            slot.page = Some((page.clone(), until));
        }
        Ok(page)
    }

    /// Drops the kept page: called once a change to what it shows is committed.
    pub fn forget(&self) {
        if let Ok(mut slot) = self.slot.write() {
            slot.generation += 1;
            slot.page = None;
        }
    }

    fn fresh(&self) -> Option<Arc<RenderedPage>> {
        self.read(|s| {
            s.page
                .as_ref()
                .filter(|(_, until)| Instant::now() < *until)
                .map(|(page, _)| page.clone())
        })
    }

    fn read<T: Default>(&self, f: impl FnOnce(&Slot) -> T) -> T {
        self.slot.read().map(|s| f(&s)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &'static str) -> RenderedPage {
        RenderedPage {
            html: Bytes::from_static(text.as_bytes()),
            gzip: None,
        }
    }

    async fn get(cache: &PageCache, text: &'static str) -> Bytes {
        let rendered: Result<_, ()> = cache
            .get_or_render(|| async move { Ok((page(text), None)) })
            .await;
        rendered.map(|p| p.html.clone()).unwrap_or_default()
    }

    #[tokio::test]
    async fn a_page_is_rendered_once_until_forgotten() {
        let cache = PageCache::default();
        assert_eq!(get(&cache, "first").await, "first");
        assert_eq!(get(&cache, "second").await, "first");
        cache.forget();
        assert_eq!(get(&cache, "third").await, "third");
    }

    #[tokio::test]
    async fn a_page_past_the_moment_it_names_is_rendered_again() {
        let cache = PageCache::default();
        let past: Result<_, ()> = cache
            .get_or_render(|| async { Ok((page("old"), Some(Instant::now()))) })
            .await;
        assert!(past.is_ok());
        assert_eq!(get(&cache, "new").await, "new");
    }
}
