//! Pagination: a stream of pages that follows the output token, and a stream
//! of the items on those pages.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::credentials::BoxFuture;
use super::error::SdkError;

type PageStream<P, E> = Pin<Box<dyn Stream<Item = Result<P, SdkError<E>>> + Send>>;

/// A stream of pages; each item is one response of the operation. It ends
/// after the page without a next token, or after the first error.
pub struct Paginator<P, E, T> {
    pages: PageStream<P, E>,
    items_of: fn(P) -> Vec<T>,
}

/// Sends one page request.
pub(crate) type SendPage<I, P, E> = Arc<dyn Fn(I) -> BoxFuture<'static, Result<P, SdkError<E>>> + Send + Sync>;

/// How the generated code of a paginated operation plugs in.
pub(crate) struct PaginationSpec<I, P, E> {
    /// Sends one page request.
    pub(crate) send: SendPage<I, P, E>,
    /// Puts the token into the next request.
    pub(crate) set_token: fn(&mut I, String),
    /// Reads the next token from a page.
    pub(crate) next_token: fn(&P) -> Option<&str>,
    /// The most pages to fetch before giving up.
    pub(crate) max_pages: usize,
}

struct State<I, P, E> {
    input: Option<I>,
    sent_token: Option<String>,
    pages: usize,
    spec: PaginationSpec<I, P, E>,
}

impl<P, E, T> Paginator<P, E, T>
where
    P: Send + 'static,
    E: Send + 'static,
{
    pub(crate) fn new<I: Clone + Send + 'static>(
        input: I,
        spec: PaginationSpec<I, P, E>,
        items_of: fn(P) -> Vec<T>,
    ) -> Self {
        let state = State {
            input: Some(input),
            sent_token: None,
            pages: 0,
            spec,
        };
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
                Some(token) if state.sent_token.as_deref() == Some(token) => {
                    let e = SdkError::Pagination(format!(
                        "the service returned the token {token:?} it was just sent; stopping to avoid an endless loop"
                    ));
                    return Some((Err(e), state));
                }
                Some(token) => {
                    let token = token.to_owned();
                    let mut next = input;
                    (state.spec.set_token)(&mut next, token.clone());
                    state.input = Some(next);
                    state.sent_token = Some(token);
                }
                None => {}
            }
            Some((Ok(page), state))
        });
        Paginator {
            pages: Box::pin(pages),
            items_of,
        }
    }

    /// A paginator whose first and only item is `error`.
    pub(crate) fn failed(error: SdkError<E>) -> Self {
        Paginator {
            pages: Box::pin(futures_util::stream::iter([Err(error)])),
            items_of: |_| Vec::new(),
        }
    }

    /// A stream of the items on every page, in order.
    pub fn items(self) -> Items<T, E>
    where
        T: Send + 'static,
    {
        let items_of = self.items_of;
        let items = futures_util::StreamExt::flat_map(self.pages, move |page| {
            let items: Vec<Result<T, SdkError<E>>> = match page {
                Ok(page) => items_of(page).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            futures_util::stream::iter(items)
        });
        Items { items: Box::pin(items) }
    }
}

impl<P, E, T> Stream for Paginator<P, E, T> {
    type Item = Result<P, SdkError<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.pages.as_mut().poll_next(cx)
    }
}

impl<P, E, T> std::fmt::Debug for Paginator<P, E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Paginator")
    }
}

/// A stream of the items of every page.
pub struct Items<T, E> {
    items: Pin<Box<dyn Stream<Item = Result<T, SdkError<E>>> + Send>>,
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
