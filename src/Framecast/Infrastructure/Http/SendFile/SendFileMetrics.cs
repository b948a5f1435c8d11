using System.Diagnostics.Metrics;

namespace Framecast.Infrastructure.Http.SendFile;

/// <summary>Bytes that left through sendfile(2): the share of media traffic that skipped managed memory.</summary>
public sealed class SendFileMetrics
{
    public const string MeterName = "Framecast.Http.SendFile";

    private readonly Counter<long> bytes;

    public SendFileMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        bytes = meter.CreateCounter<long>("framecast.http.sendfile.bytes", "By", "Response body bytes sent with sendfile(2).");
    }

    public void Sent(long count) => bytes.Add(count);
}
