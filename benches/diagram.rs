//! Drawing the teaching view costs the same for 10 elements and 10⁸: the
//! diagram samples a bounded number of element positions per layer.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use slicelab::eval::Session;
use slicelab::style::Palette;
use slicelab::teach::Teacher;

fn drawing(c: &mut Criterion) {
    let mut group = c.benchmark_group("teaching view of v = a[1::3]");
    group.sample_size(20);
    for exp in [1u32, 3, 5, 7, 8] {
        let n = 10usize.pow(exp);
        let mut session = Session::new();
        let mut teacher = Teacher::new();
        let palette = Palette::new(false);
        session.run(&format!("a = np.zeros({n})"));
        session.run("w = a[::2]");
        let step = teacher.run(&mut session, "v = a[1::3]");
        let names = session.bindings();
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("1e{exp}")),
            &n,
            |b, _| {
                b.iter(|| {
                    slicelab::teach::render::report(
                        &step.report,
                        &names,
                        teacher.numbers(),
                        &palette,
                        80,
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, drawing);
criterion_main!(benches);
