using System.Diagnostics.Metrics;

namespace Framecast.Infrastructure.Http.FastPath;

public sealed class FastPathMetrics
{
    public const string MeterName = "Framecast.Http.FastPath";

    private readonly Counter<long> responses;
    private readonly Counter<long> handOffs;

    public FastPathMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        responses = meter.CreateCounter<long>("framecast.http.fastpath.responses", "{response}", "Responses sent by the fast path's event loops.");
        handOffs = meter.CreateCounter<long>("framecast.http.fastpath.handoffs", "{connection}", "Connections the fast path handed to Kestrel.");
    }

    public void Responded() => responses.Add(1);

    public void HandedOff() => handOffs.Add(1);
}
