//! Work on rayon's threads, results in order on the calling thread: the calling thread renders
//! one submission's report while the pool lints the next ones, and no thread waits at the end of
//! a chunk for the slowest submission in it.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Runs `work` on every job on rayon's threads and hands each result to `each`, on the calling
/// thread, in the jobs' order. A job is started only when fewer than `per_thread` results for
/// each of rayon's threads are ahead of the one `each` waits for, so at most that many results
/// are held at once whatever the number of jobs. A panic in `work` or in `each` stops the workers and is raised on
/// the calling thread.
///
/// A single job (one submission, the pre-commit hook's files of one submission) runs on the
/// calling thread: starting rayon's pool and a thread to feed it would cost more than the job.
pub fn map_in_order<J: Sync, T: Send>(
    jobs: &[J],
    per_thread: usize,
    work: impl Fn(&J) -> T + Sync,
    mut each: impl FnMut(T),
) {
    if jobs.len() <= 1 {
        jobs.iter().for_each(|job| each(work(job)));
        return;
    }
    let threads = rayon::current_num_threads().max(1);
    let window = per_thread.max(1) * threads;
    let workers = threads.min(jobs.len());
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<T>)>();
    std::thread::scope(|scope| {
        let (next, gate, work) = (&next, &gate, &work);
        scope.spawn(move || {
            rayon::scope(|s| {
                for _ in 0..workers {
                    let tx = tx.clone();
                    s.spawn(move |_| {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= jobs.len() || !gate.wait_for(i, window) {
                                break;
                            }
                            let done = catch_unwind(AssertUnwindSafe(|| work(&jobs[i])));
                            if tx.send((i, done)).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });
        // Stops the workers if `each` or a job panics, so that the scope can end.
        let _stop = StopOnDrop(gate);
        let mut ready = BTreeMap::new();
        let mut expected = 0;
        for (i, done) in rx.iter() {
            ready.insert(i, done);
            while let Some(done) = ready.remove(&expected) {
                match done {
                    Ok(result) => each(result),
                    Err(panic) => resume_unwind(panic),
                }
                expected += 1;
                gate.handed(expected);
            }
            if expected == jobs.len() {
                break;
            }
        }
    });
}

/// How many results have been handed on; workers wait on it before starting a job too far ahead.
#[derive(Default)]
struct Gate {
    handed: Mutex<usize>,
    changed: Condvar,
    stopped: AtomicBool,
}

impl Gate {
    /// Waits until job `i` may start; `false` when the run is stopping.
    fn wait_for(&self, i: usize, window: usize) -> bool {
        let mut handed = self.handed.lock().unwrap_or_else(|e| e.into_inner());
        while i >= *handed + window && !self.stopped.load(Ordering::Acquire) {
            handed = self.changed.wait(handed).unwrap_or_else(|e| e.into_inner());
        }
        !self.stopped.load(Ordering::Acquire)
    }

    fn handed(&self, count: usize) {
        *self.handed.lock().unwrap_or_else(|e| e.into_inner()) = count;
        self.changed.notify_all();
    }
}

struct StopOnDrop<'a>(&'a Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        // Taken under the lock, so that no worker misses the wake-up between its check and its wait.
        let _handed = self.0.handed.lock().unwrap_or_else(|e| e.into_inner());
        self.0.stopped.store(true, Ordering::Release);
        self.0.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_single_job_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let mut ran_on = Vec::new();
        map_in_order(
            &[1],
            4,
            |_| std::thread::current().id(),
            |id| ran_on.push(id),
        );
        assert_eq!(ran_on, [caller]);
    }

    #[test]
    fn results_come_in_order_with_a_bounded_number_ahead() {
        let jobs: Vec<usize> = (0..500).collect();
        let started = AtomicUsize::new(0);
        let handed = AtomicUsize::new(0);
        let most_ahead = AtomicUsize::new(0);
        let mut seen = Vec::new();
        map_in_order(
            &jobs,
            4,
            |&i| {
                let ahead =
                    started.fetch_add(1, Ordering::SeqCst) + 1 - handed.load(Ordering::SeqCst);
                most_ahead.fetch_max(ahead, Ordering::SeqCst);
                // Uneven work, so that later jobs finish before earlier ones.
                std::thread::sleep(std::time::Duration::from_micros((i % 7) as u64 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                handed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, jobs.iter().map(|i| i * 2).collect::<Vec<_>>());
        let window = 4 * rayon::current_num_threads();
        assert!(
            most_ahead.load(Ordering::SeqCst) <= window,
            "{most_ahead:?}"
        );
    }

    #[test]
    fn no_jobs_no_results() {
        let mut called = false;
        map_in_order(&[] as &[u8], 4, |_| (), |_| called = true);
        assert!(!called);
    }

    #[test]
    fn a_panic_in_a_job_reaches_the_caller_and_ends_the_run() {
        let jobs: Vec<usize> = (0..100).collect();
        let result = catch_unwind(AssertUnwindSafe(|| {
            map_in_order(&jobs, 2, |&i| assert!(i != 10, "job 10"), |_| {});
        }));
        assert!(result.is_err());
    }

    #[test]
    fn a_panic_in_each_ends_the_run() {
        let jobs: Vec<usize> = (0..100).collect();
        let result = catch_unwind(AssertUnwindSafe(|| {
            map_in_order(&jobs, 2, |&i| i, |i| assert!(i != 5, "each 5"));
        }));
        assert!(result.is_err());
    }
}
