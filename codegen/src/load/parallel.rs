//! Runs independent per-file work (reading, parsing) on the machine's cores
//! when there is enough of it to be worth starting threads. Results come
//! back in the order of the input, so the outcome never depends on which
//! thread finished first.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// At most this many threads.
const MAX_THREADS: usize = 8;

/// `items.map(f)`: in parallel when `worth_it` and there is more than one
/// item and core.
pub(crate) fn map<T, R, F>(items: Vec<T>, worth_it: bool, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .min(MAX_THREADS);
    if threads <= 1 || !worth_it {
        return items.into_iter().map(f).collect();
    }
    let len = items.len();
    let inputs: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let outputs: Vec<Mutex<Option<R>>> = (0..len).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else {
                    break;
                };
                let taken = input.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(item) = taken {
                    let result = f(item);
                    *outputs[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    outputs
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_input() {
        let items: Vec<u64> = (0..100).collect();
        let squares = super::map(items, true, |i| {
            // Uneven work, so that threads finish out of order.
            std::thread::sleep(std::time::Duration::from_micros((100 - i) * 10));
            i * i
        });
        assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
    }
}
