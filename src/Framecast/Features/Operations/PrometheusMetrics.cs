using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Framecast.Features.Operations;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format (0.0.4), from the process's <c>System.Diagnostics.Metrics</c>
/// instruments: ours (<c>Framecast.*</c>), ASP.NET Core's, Kestrel's and the runtime's. Written here because
/// prometheus-net and the OpenTelemetry exporters are not available (DEPENDENCIES.md). Only this host's meters are
/// listened to (the meter factory's scope), plus the process-wide runtime meter.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    private static readonly string[] MeterPrefixes = ["Framecast", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] PlainBuckets = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Tracked> instruments = new();

    public PrometheusMetrics(IMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            var scope = instrument.Meter.Scope;
            if ((scope is null || ReferenceEquals(scope, meters)) && MeterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)))
            {
                instruments.TryAdd(instrument, new Tracked(instrument));
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.MeasurementsCompleted = (instrument, _) => instruments.TryRemove(instrument, out Tracked? _);
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>(Record);
        listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    public string Render()
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, tracked) in instruments.OrderBy(i => i.Key.Name, StringComparer.Ordinal))
        {
            var (kind, name, series) = (tracked.Kind, tracked.Name, tracked.Series);
            if (series.IsEmpty)
            {
                continue;
            }
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            }
            text.Append("# TYPE ").Append(name).Append(' ').Append(kind).Append('\n');
            foreach (var (labels, s) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (s)
                {
                    if (kind == "histogram")
                    {
                        long cumulative = 0;
                        for (var b = 0; b < s.Bounds!.Length; b++)
                        {
                            cumulative += s.Buckets![b];
                            Line(text, $"{name}_bucket", Join(labels, $"le=\"{Number(s.Bounds[b])}\""), cumulative);
                        }
                        Line(text, $"{name}_bucket", Join(labels, "le=\"+Inf\""), s.Count);
                        Line(text, $"{name}_sum", labels, s.Value);
                        Line(text, $"{name}_count", labels, s.Count);
                    }
                    else
                    {
                        Line(text, name, labels, s.Value);
                    }
                }
            }
        }
        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    // Called on the measuring thread for every measurement (every media response), so
    // nothing here may box, allocate for untagged instruments, or take a lock for a plain counter.
    private void Record(Instrument instrument, double number, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state = null)
    {
        if (!instruments.TryGetValue(instrument, out var tracked))
        {
            return;
        }
        var s = tracked.Series.GetOrAdd(Labels(tags), static (_, bounds) => new Series(bounds), tracked.Bounds);
        if (tracked.Kind == "counter" && !tracked.ReportsCurrentValue)
        {
            s.Add(number);
            return;
        }
        lock (s)
        {
            switch (tracked.Kind)
            {
                case "histogram":
                    s.Value += number;
                    s.Count++;
                    var bucket = Array.FindIndex(s.Bounds!, bound => number <= bound);
                    if (bucket >= 0)
                    {
                        s.Buckets![bucket]++;
                    }
                    break;
                case "gauge" when tracked.ReportsCurrentValue:
                    s.Value = number;
                    break;
                default:
                    s.Value = tracked.ReportsCurrentValue ? number : s.Value + number;
                    break;
            }
        }
    }

    private static string KindOf(Instrument instrument)
    {
        var type = instrument.GetType().Name;
        return type.StartsWith("Histogram", StringComparison.Ordinal) ? "histogram"
            : type.StartsWith("Counter", StringComparison.Ordinal) || type.StartsWith("ObservableCounter", StringComparison.Ordinal) ? "counter"
            : "gauge";
    }

    private static string NameOf(Instrument instrument, string kind)
    {
        var name = new StringBuilder();
        foreach (var c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => "",
        };
        if (unit.Length > 0 && !name.ToString().EndsWith(unit, StringComparison.Ordinal))
        {
            name.Append(unit);
        }
        if (kind == "counter" && !name.ToString().EndsWith("_total", StringComparison.Ordinal))
        {
            name.Append("_total");
        }
        return name.ToString();
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var label = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            pairs.Add($"{label}=\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : $"{labels},{extra}";

    private static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>What is known of an instrument once, when it is published, rather than on every measurement.</summary>
    private sealed class Tracked
    {
        public Tracked(Instrument instrument)
        {
            Kind = KindOf(instrument);
            Name = NameOf(instrument, Kind);
            Bounds = Kind == "histogram" ? (instrument.Unit == "s" ? SecondsBuckets : PlainBuckets) : null;
            ReportsCurrentValue = instrument.IsObservable || instrument.GetType().Name.StartsWith("Gauge", StringComparison.Ordinal);
        }

        public string Kind { get; }

        public string Name { get; }

        public double[]? Bounds { get; }

        /// <summary>Observable instruments and gauges report a value to keep; the others report increments.</summary>
        public bool ReportsCurrentValue { get; }

        public ConcurrentDictionary<string, Series> Series { get; } = new();
    }

    private sealed class Series(double[]? bounds)
    {
        public double[]? Bounds { get; } = bounds;

        public long[]? Buckets { get; } = bounds is null ? null : new long[bounds.Length];

        private double value;

        public double Value
        {
            get => Volatile.Read(ref value);
            set => Volatile.Write(ref this.value, value);
        }

        public long Count { get; set; }

        /// <summary>Adds without a lock (counters are measured from several threads at once).</summary>
        public void Add(double amount)
        {
            double seen, next;
            do
            {
                seen = Volatile.Read(ref value);
                next = seen + amount;
            }
            while (Interlocked.CompareExchange(ref value, next, seen) != seen);
        }
    }
}
