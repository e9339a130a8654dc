//! Pagination: a stream of pages that follows the output token, and a stream
//! of the items on those pages.

use std::collections::HashMap;
use std::fmt::Debug;
use std::hash::Hash;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::SdkError;
use crate::transport::BoxFuture;

type PageStream<P, E> = Pin<Box<dyn Stream<Item = Result<P, SdkError<E>>> + Send>>;
type StartPages<P, E> = Box<dyn FnOnce(Option<i32>) -> PageStream<P, E> + Send>;

/// The pages of a paginated operation, one response each, fetched as they
/// are read. It ends after the page without a next token, or after the first
/// error. [`send`](Self::send) gives the stream as the AWS SDK does; the
/// paginator is a [`Stream`] of pages itself too.
pub struct Paginator<P, E, T> {
    pages: Pages<P, E>,
    items_of: fn(P) -> Vec<T>,
}

enum Pages<P, E> {
    NotStarted {
        start: StartPages<P, E>,
        page_size: Option<i32>,
    },
    Started(PageStream<P, E>),
}

impl<P, E> Pages<P, E> {
    fn start(self) -> PageStream<P, E> {
        match self {
            Pages::NotStarted { start, page_size } => start(page_size),
            Pages::Started(pages) => pages,
        }
    }
}

/// The item type of a paginator whose operation names no items member: such a
/// paginator's [`items`](Paginator::items) stream is empty, and its pages are
/// read with [`send`](Paginator::send).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoItems {}

/// Sends one page request.
pub type SendPage<I, P, E> =
    Arc<dyn Fn(I) -> BoxFuture<'static, Result<P, SdkError<E>>> + Send + Sync>;

/// A pagination token: a string for most services, a map of key
/// attributes for some (DynamoDB's `LastEvaluatedKey`). An empty token
/// ends the pages like a missing one.
pub trait PageToken: Clone + PartialEq + Debug + Send + 'static {
    /// Whether the token is empty.
    fn is_empty(&self) -> bool;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<K, V> PageToken for HashMap<K, V>
where
    K: Clone + Eq + Hash + Debug + Send + 'static,
    V: Clone + PartialEq + Debug + Send + 'static,
{
    fn is_empty(&self) -> bool {
        HashMap::is_empty(self)
    }
}

/// How the generated code of a paginated operation plugs in.
pub struct PaginationSpec<I, P, E, K = String> {
    /// Sends one page request.
    pub send: SendPage<I, P, E>,
    /// Puts the token into the next request.
    pub set_token: fn(&mut I, K),
    /// Reads the next token from a page.
    pub next_token: fn(&P) -> Option<&K>,
    /// Sets the page size member, if the operation has one.
    pub set_page_size: Option<fn(&mut I, i32)>,
    /// The most pages to fetch before giving up.
    pub max_pages: usize,
}

struct State<I, P, E, K> {
    input: Option<I>,
    sent_token: Option<K>,
    pages: usize,
    spec: PaginationSpec<I, P, E, K>,
}

impl<P, E, T> Paginator<P, E, T>
where
    P: Send + 'static,
    E: Send + 'static,
{
    /// The paginator of an operation: `input` is the first request.
    pub fn new<I: Clone + Send + 'static, K: PageToken>(
        input: I,
        spec: PaginationSpec<I, P, E, K>,
        items_of: fn(P) -> Vec<T>,
    ) -> Self {
        let start = move |page_size: Option<i32>| -> PageStream<P, E> {
            let mut input = input;
            if let (Some(size), Some(set)) = (page_size, spec.set_page_size) {
                set(&mut input, size);
            }
            Box::pin(pages(State {
                input: Some(input),
                sent_token: None,
                pages: 0,
                spec,
            }))
        };
        Paginator {
            pages: Pages::NotStarted {
                start: Box::new(start),
                page_size: None,
            },
            items_of,
        }
    }

    /// A paginator whose first and only item is `error`.
    pub fn failed(error: SdkError<E>) -> Self {
        Paginator {
            pages: Pages::Started(Box::pin(futures_util::stream::iter([Err(error)]))),
            items_of: |_| Vec::new(),
        }
    }

    /// Asks for pages of at most this many items (the operation's page size
    /// member, when it has one). Only before the first page is read.
    pub fn page_size(mut self, size: i32) -> Self {
        if let Pages::NotStarted { page_size, .. } = &mut self.pages {
            *page_size = Some(size);
        }
        self
    }

    /// The pages, as a stream with `next().await` and `try_collect()`.
    pub fn send(self) -> PaginationStream<Result<P, SdkError<E>>> {
        PaginationStream::new(self.pages.start())
    }

    /// The items on every page, in order.
    pub fn items(self) -> Items<T, E>
    where
        T: Send + 'static,
    {
        let items_of = self.items_of;
        let items = futures_util::StreamExt::flat_map(self.pages.start(), move |page| {
            let items: Vec<Result<T, SdkError<E>>> = match page {
                Ok(page) => items_of(page).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures_util::stream::iter(items)
        });
        Items {
            items: Box::pin(items),
        }
    }
}

fn pages<I, P, E, K>(state: State<I, P, E, K>) -> impl Stream<Item = Result<P, SdkError<E>>> + Send
where
    I: Clone + Send + 'static,
    K: PageToken,
    P: Send + 'static,
    E: Send + 'static,
{
    {
        let pages = futures_util::stream::unfold(state, |mut state| async move {
            let input = state.input.take()?;
            if state.pages >= state.spec.max_pages {
                let e = SdkError::Pagination(format!(
                    "the service still had more after {} pages, the limit set by Config::max_pages",
                    state.spec.max_pages
                ));
                return Some((Err(e), state));
            }
            state.pages += 1;
            let result = (state.spec.send)(input.clone()).await;
            let page = match result {
                Ok(page) => page,
                Err(e) => return Some((Err(e), state)),
            };
            match (state.spec.next_token)(&page).filter(|t| !t.is_empty()) {
                Some(token) if state.sent_token.as_ref() == Some(token) => {
                    let e = SdkError::Pagination(format!(
                        "the service returned the token {token:?} it was just sent; stopping to avoid an endless loop"
                    ));
                    return Some((Err(e), state));
                }
                Some(token) => {
                    let token = token.clone();
                    let mut next = input;
                    (state.spec.set_token)(&mut next, token.clone());
                    state.input = Some(next);
                    state.sent_token = Some(token);
                }
                None => {}
            }
            Some((Ok(page), state))
        });
        pages
    }
}

impl<P: Send + 'static, E: Send + 'static, T> Stream for Paginator<P, E, T> {
    type Item = Result<P, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if let Pages::NotStarted { .. } = this.pages {
            let pending = std::mem::replace(
                &mut this.pages,
                Pages::Started(Box::pin(futures_util::stream::empty())),
            );
            this.pages = Pages::Started(pending.start());
        }
        match &mut this.pages {
            Pages::Started(pages) => pages.as_mut().poll_next(cx),
            Pages::NotStarted { .. } => Poll::Ready(None),
        }
    }
}

impl<P, E, T> std::fmt::Debug for Paginator<P, E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paginator")
    }
}

/// The items of every page, fetched as they are read. [`send`](Self::send)
/// gives the stream as the AWS SDK does; `Items` is a [`Stream`] itself too.
pub struct Items<T, E> {
    items: Pin<Box<dyn Stream<Item = Result<T, SdkError<E>>> + Send>>,
}

impl<T, E> Items<T, E> {
    /// The items, as a stream with `next().await` and `try_collect()`.
    pub fn send(self) -> PaginationStream<Result<T, SdkError<E>>> {
        PaginationStream::new(self.items)
    }
}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.items.as_mut().poll_next(cx)
    }
}

impl<T, E> std::fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Items")
    }
}

/// A stream of pages or items, with the inherent methods of the AWS SDK's
/// `PaginationStream`: `next().await`, `collect()` and `try_collect()`. It is
/// a [`Stream`] too, for the adapters of `futures`.
pub struct PaginationStream<T> {
    inner: Pin<Box<dyn Stream<Item = T> + Send>>,
}

impl<T> PaginationStream<T> {
    fn new(inner: Pin<Box<dyn Stream<Item = T> + Send>>) -> Self {
        PaginationStream { inner }
    }

    /// The next item, or `None` after the last.
    pub async fn next(&mut self) -> Option<T> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every remaining item.
    pub async fn collect<C: Default + Extend<T>>(mut self) -> C {
        let mut all = C::default();
        while let Some(item) = self.next().await {
            all.extend([item]);
        }
        all
    }
}

impl<T, E> PaginationStream<Result<T, E>> {
    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, E> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<T> Stream for PaginationStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for PaginationStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PaginationStream")
    }
}
