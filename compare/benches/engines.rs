//! The engines through criterion (`cargo bench -p compare`): the same
//! contestants and the same renderings as `compare bench`, one criterion
//! benchmark each, grouped by page.

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use compare::bench::{Contestant, Sampler};

fn engines(c: &mut Criterion) {
    let mut sampler = Sampler::new();
    let contestants = sampler.contestants();
    for page in compare::pages::Page::ALL {
        let mut group = c.benchmark_group(page.name());
        for &contestant in contestants
            .iter()
            .filter(|contestant| contestant.page() == page)
        {
            if let Contestant::Python { .. } = contestant {
                // A rendering takes up to half a second: ten of them, no more.
                group.sampling_mode(SamplingMode::Flat).sample_size(10);
            } else {
                group.sampling_mode(SamplingMode::Auto).sample_size(100);
            }
            group.bench_function(contestant.engine_name(), |b| {
                b.iter_custom(|iterations| {
                    let (elapsed, _) = sampler
                        .time(contestant, iterations)
                        .unwrap_or_else(|error| panic!("{error}"));
                    elapsed
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, engines);
criterion_main!(benches);
