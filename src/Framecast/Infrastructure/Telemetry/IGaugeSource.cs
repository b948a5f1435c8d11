using System.Diagnostics.Metrics;

namespace Framecast.Infrastructure.Telemetry;

/// <summary>
/// A feature's gauges, read from its own state when metrics are collected. Each feature registers its source; the
/// Operations feature creates them all on <see cref="FramecastMetrics.Meter"/> at start-up (so the first scrape has
/// them) without knowing the features.
/// </summary>
public interface IGaugeSource
{
    void CreateGauges(Meter meter);
}
