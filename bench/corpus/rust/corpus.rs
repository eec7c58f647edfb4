// bench/corpus/rust/corpus.rs — the corpus of bench-corpus.md in std-only
// Rust: async fns, size_of_val of each future, heap allocations counted by a
// counting global allocator, a no-op waker built from RawWaker, the talk's
// executor for T2, and the talk's generator (G1) as a std coroutine.
//
// Build: RUSTC_BOOTSTRAP=1 rustc -O --edition 2021 corpus.rs
// (RUSTC_BOOTSTRAP only for G1: generators — `#[coroutine]` closures — are
// not stable yet; everything else is stable Rust.)
//
// Output: the line format of bench/corpus/common/harness.hpp.
#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::hint::black_box;
use std::ops::{Coroutine, CoroutineState};
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Wake, Waker};
use std::time::Instant;

// ---- counting allocator ---------------------------------------------------------

struct Counting;
static ALLOCS: AtomicU64 = AtomicU64::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l)
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc_zeroed(l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;
fn allocs() -> u64 {
    ALLOCS.load(Ordering::Relaxed)
}

// ---- no-op waker ------------------------------------------------------------------

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn ignore(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, ignore, ignore, ignore);
    RawWaker::new(std::ptr::null(), &VTABLE)
}
fn noop_waker() -> Waker {
    unsafe { Waker::from_raw(noop_raw()) }
}

// ---- the leaf and Join2 ---------------------------------------------------------------

struct YieldOnce {
    value: u64,
    yielded: bool,
}
#[allow(non_snake_case)]
fn YieldOnce(value: u64) -> YieldOnce {
    YieldOnce { value, yielded: false }
}
impl Future for YieldOnce {
    type Output = u64;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u64> {
        if self.yielded {
            return Poll::Ready(self.value);
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// join(a, b): the same fields as the C++ Join2 (common/leaf.hpp).
struct Join2<A, B> {
    a: A,
    b: B,
    ra: u64,
    rb: u64,
    a_done: bool,
    b_done: bool,
}
fn join2_of<A, B>(a: A, b: B) -> Join2<A, B> {
    Join2 { a, b, ra: 0, rb: 0, a_done: false, b_done: false }
}
impl<A: Future<Output = u64> + Unpin, B: Future<Output = u64> + Unpin> Future for Join2<A, B> {
    type Output = (u64, u64);
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(u64, u64)> {
        let this = self.get_mut();
        if !this.a_done {
            if let Poll::Ready(v) = Pin::new(&mut this.a).poll(cx) {
                this.ra = v;
                this.a_done = true;
            }
        }
        if !this.b_done {
            if let Poll::Ready(v) = Pin::new(&mut this.b).poll(cx) {
                this.rb = v;
                this.b_done = true;
            }
        }
        if this.a_done && this.b_done {
            Poll::Ready((this.ra, this.rb))
        } else {
            Poll::Pending
        }
    }
}

// ---- the corpus -------------------------------------------------------------------

async fn ready_add(a: u64, b: u64) -> u64 {
    a + b
}

async fn one_await(x: u64) -> u64 {
    let y = YieldOnce(x).await;
    y + x
}

async fn two_sequential() -> u64 {
    let a = YieldOnce(1).await;
    let b = YieldOnce(2).await;
    a + b
}

async fn loop_sum(n: u64) -> u64 {
    let mut s = 0;
    for i in 0..n {
        s += YieldOnce(i).await;
    }
    s
}

async fn big_local_dead() -> u64 {
    let buf = black_box([1u8; 1024]);
    let s: u64 = buf.iter().map(|&b| b as u64).sum();
    YieldOnce(s).await
}

async fn big_local_live() -> u64 {
    let buf = black_box([1u8; 1024]);
    YieldOnce(0).await;
    buf.iter().map(|&b| b as u64).sum()
}

async fn disjoint_branches(f: bool) -> u64 {
    if f {
        let a = black_box([1u8; 512]);
        YieldOnce(1).await;
        a.iter().map(|&b| b as u64).sum()
    } else {
        let b = black_box([1u8; 512]);
        YieldOnce(2).await;
        b.iter().map(|&b| b as u64).sum()
    }
}

async fn level1() -> u64 {
    YieldOnce(1).await + 1
}
async fn level2() -> u64 {
    level1().await + 1
}
async fn chain3() -> u64 {
    level2().await
}

async fn string_across(s: String) -> usize {
    YieldOnce(0).await;
    s.len()
}

async fn ref_across() -> usize {
    let v: Vec<u64> = vec![1, 2, 3];
    let r = &v;
    YieldOnce(0).await;
    r.len()
}

async fn join2() -> u64 {
    let (a, b) = join2_of(YieldOnce(1), YieldOnce(2)).await;
    a + b
}

async fn sequential_big_then_small() -> u64 {
    let s1: u64;
    let s2: u64;
    {
        let x = black_box([1u8; 256]);
        YieldOnce(0).await;
        s1 = x.iter().map(|&b| b as u64).sum();
    }
    {
        let y = black_box([1u8; 64]);
        YieldOnce(0).await;
        s2 = y.iter().map(|&b| b as u64).sum();
    }
    s1 + s2
}

async fn t2_task(i: u64) -> u64 {
    YieldOnce(i).await
}

/// G1: the talk's generator, sum up then down.
fn sum_up_down(xs: Vec<i32>) -> impl Coroutine<Yield = i32, Return = ()> {
    #[coroutine]
    static move || {
        let mut sum = 0;
        for x in xs.iter() {
            sum += x;
            yield sum;
        }
        for x in xs.iter().rev() {
            sum -= x;
            yield sum;
        }
    }
}

// ---- drivers ------------------------------------------------------------------------

const T1_COMPLETIONS: u64 = 10_000_000;
const T2_TASKS: u64 = 1_000_000;
const T3_AWAITS: u64 = 10_000_000;
const G1_ELEMENTS: u64 = 10_000_000;

fn drive<F: Future>(mut f: Pin<&mut F>, cx: &mut Context<'_>) -> F::Output {
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(cx) {
            return v;
        }
    }
}

#[inline(never)]
fn poll_opaque<F: Future>(f: Pin<&mut F>, cx: &mut Context<'_>) -> Poll<F::Output> {
    f.poll(cx)
}
type PollFn<F> = fn(Pin<&mut F>, &mut Context<'_>) -> Poll<<F as Future>::Output>;

fn drive_with<F: Future>(mut f: Pin<&mut F>, cx: &mut Context<'_>, poll: PollFn<F>) -> F::Output {
    loop {
        if let Poll::Ready(v) = poll(f.as_mut(), cx) {
            return v;
        }
    }
}

trait AsU64 {
    fn as_u64(self) -> u64;
}
impl AsU64 for u64 {
    fn as_u64(self) -> u64 {
        self
    }
}
impl AsU64 for usize {
    fn as_u64(self) -> u64 {
        self as u64
    }
}

fn measure<F: Future>(id: &str, expected: u64, make: impl FnOnce() -> F)
where
    F::Output: AsU64,
{
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let before = allocs();
    let f = make();
    let size = std::mem::size_of_val(&f);
    let f = pin!(f);
    let got = drive(f, &mut cx).as_u64();
    let n = allocs() - before;
    println!("size {} {}", id, size);
    if got != expected {
        eprintln!("{}: got {}, expected {}", id, got, expected);
        std::process::exit(1);
    }
    println!("allocs {} {}", id, n);
}

fn sizes() {
    measure("C1", 5, || ready_add(black_box(2), 3));
    measure("C2", 8, || one_await(black_box(4)));
    measure("C3", 3, || two_sequential());
    measure("C4", 45, || loop_sum(black_box(10)));
    measure("C5", 1024, || big_local_dead());
    measure("C6", 1024, || big_local_live());
    measure("C7", 512, || disjoint_branches(black_box(true)));
    measure("C8", 3, || chain3());
    let s = String::from("hello"); // built before the call: only the call is counted
    measure("C9", 5, move || string_across(s));
    measure("C10", 3, || ref_across());
    measure("C11", 3, || join2());
    measure("C12", 320, || sequential_big_then_small());
    let xs = vec![1i32, 2, 3];
    let before = allocs();
    let gen = sum_up_down(xs);
    let size = std::mem::size_of_val(&gen);
    let mut gen = pin!(gen);
    let mut n = 0i64;
    while let CoroutineState::Yielded(v) = gen.as_mut().resume(()) {
        n += v as i64;
    }
    let a = allocs() - before;
    if n != 1 + 3 + 6 + 3 + 1 {
        std::process::exit(1);
    }
    println!("size G1 {}", size);
    println!("allocs G1 {}", a);
}

fn report_time(workload: &str, unit: &str, runs: usize, mut once: impl FnMut() -> f64) {
    print!("time {} {}", workload, unit);
    for _ in 0..runs {
        print!(" {:.4}", once());
    }
    println!();
}

fn t1_once(opaque: bool) -> f64 {
    let waker = noop_waker();
    let waker = black_box(&waker);
    let mut cx = Context::from_waker(waker);
    let mut acc = 0u64;
    let t0 = Instant::now();
    if opaque {
        let poll: PollFn<_> = black_box(poll_opaque);
        for _ in 0..T1_COMPLETIONS {
            let f = pin!(chain3());
            acc += drive_with(f, &mut cx, poll);
        }
    } else {
        for _ in 0..T1_COMPLETIONS {
            let f = pin!(chain3());
            acc += drive(f, &mut cx);
        }
    }
    let ns = t0.elapsed().as_secs_f64() * 1e9 / T1_COMPLETIONS as f64;
    assert_eq!(acc, 3 * T1_COMPLETIONS);
    ns
}

fn t3_once(opaque: bool) -> f64 {
    let waker = noop_waker();
    let waker = black_box(&waker);
    let mut cx = Context::from_waker(waker);
    let n = black_box(T3_AWAITS);
    let t0 = Instant::now();
    let f = pin!(loop_sum(n));
    let s = if opaque {
        let poll: PollFn<_> = black_box(poll_opaque);
        drive_with(f, &mut cx, poll)
    } else {
        drive(f, &mut cx)
    };
    let ns = t0.elapsed().as_secs_f64() * 1e9 / T3_AWAITS as f64;
    assert_eq!(s, T3_AWAITS * (T3_AWAITS - 1) / 2);
    ns
}

// T2: the talk's executor (a FIFO ready queue on a channel; a task is a
// boxed future behind a mutex in an Arc, its waker re-sends the Arc).
struct Task {
    future: Mutex<Option<Pin<Box<dyn Future<Output = u64> + Send>>>>,
    sender: Sender<Arc<Task>>,
}
impl Wake for Task {
    fn wake(self: Arc<Self>) {
        let sender = self.sender.clone();
        sender.send(self).expect("queue");
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.sender.send(self.clone()).expect("queue");
    }
}
fn spawn_all() {
    let (sender, queue): (Sender<Arc<Task>>, Receiver<Arc<Task>>) = channel();
    for i in 0..T2_TASKS {
        let task = Arc::new(Task { future: Mutex::new(Some(Box::pin(t2_task(i)))), sender: sender.clone() });
        sender.send(task).expect("queue");
    }
    drop(sender);
    while let Ok(task) = queue.recv() {
        let mut slot = task.future.lock().unwrap();
        if let Some(mut future) = slot.take() {
            let waker = Waker::from(task.clone());
            let mut cx = Context::from_waker(&waker);
            if future.as_mut().poll(&mut cx).is_pending() {
                *slot = Some(future);
            }
        }
    }
}

fn proc_status_bytes(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in s.lines() {
        if let Some(rest) = line.strip_prefix(field).and_then(|r| r.strip_prefix(':')) {
            let kb: u64 = rest.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            return kb * 1024;
        }
    }
    0
}
extern "C" {
    fn malloc_trim(pad: usize) -> i32; // glibc: give cached memory back first, as the C++ side does
}
fn peak_rss_growth(work: impl FnOnce()) -> u64 {
    unsafe {
        malloc_trim(0);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = proc_status_bytes("VmRSS");
    work();
    proc_status_bytes("VmHWM").saturating_sub(before)
}

fn g1_input() -> Vec<i32> {
    (0..G1_ELEMENTS).map(|i| (i % 7) as i32 - 3).collect()
}
fn g1_expected(xs: &[i32]) -> i64 {
    let mut acc = 0i64;
    let mut sum = 0i32;
    for x in xs.iter() {
        sum += x;
        acc += sum as i64;
    }
    for x in xs.iter().rev() {
        sum -= x;
        acc += sum as i64;
    }
    acc
}
fn g1_once(input: &Vec<i32>, expected: i64) -> f64 {
    let xs = input.clone();
    let mut gen = pin!(sum_up_down(xs));
    let t0 = Instant::now();
    let mut acc = 0i64;
    while let CoroutineState::Yielded(v) = gen.as_mut().resume(()) {
        acc += v as i64;
    }
    let ns = t0.elapsed().as_secs_f64() * 1e9 / (2 * G1_ELEMENTS) as f64;
    assert_eq!(acc, expected);
    ns
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let only_sizes = args.get(1).map(|a| a == "sizes").unwrap_or(false);
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    sizes();
    if only_sizes {
        return;
    }
    // Peak RSS first, on a fresh heap (later runs reuse the memory of earlier ones).
    println!("info T2.peak_rss_bytes_per_task {:.1}", peak_rss_growth(spawn_all) as f64 / T2_TASKS as f64);
    report_time("T1.opaque", "ns/completion", runs, || t1_once(true));
    report_time("T1.inline", "ns/completion", runs, || t1_once(false));
    report_time("T3.opaque", "ns/await", runs, || t3_once(true));
    report_time("T3.inline", "ns/await", runs, || t3_once(false));
    report_time("T2", "tasks/s", runs, || {
        let t0 = Instant::now();
        spawn_all();
        T2_TASKS as f64 / t0.elapsed().as_secs_f64()
    });
    let input = g1_input();
    let expected = g1_expected(&input);
    report_time("G1.yield", "ns/yield", runs, || g1_once(&input, expected));
}
