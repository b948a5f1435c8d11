using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Tests.Support;

/// <summary>The running sum of one counter of one host (its own meter factory, so other tests' hosts never count).</summary>
public sealed class InstrumentTotal : IDisposable
{
    private readonly MeterListener listener = new();
    private long total;

    public InstrumentTotal(TestHost host, string meterName, string? instrumentName = null)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, factory)
                && (instrumentName is null || instrument.Name == instrumentName))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
    }

    public long Total => Interlocked.Read(ref total);

    public void Dispose() => listener.Dispose();
}
