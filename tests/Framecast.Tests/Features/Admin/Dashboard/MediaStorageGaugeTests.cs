using Framecast.Features.Admin.Dashboard;
using Framecast.Hosting;
using Framecast.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Framecast.Tests.Features.Admin.Dashboard;

/// <summary>The media folder is really walked, and at most once a minute however often the dashboard asks.</summary>
public sealed class MediaStorageGaugeTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), $"framecast-gauge-{Guid.NewGuid():N}");

    [Fact]
    public async Task Sums_the_media_files_and_walks_again_only_after_a_minute()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var gauge = new MediaStorageGauge(Options.Create(new FramecastOptions { DataDirectory = data }), clock, NullLogger<MediaStorageGauge>.Instance);
        (await gauge.MeasureAsync(CancellationToken.None)).MediaBytes.Should().Be(0, "there is no media folder yet");

        Directory.CreateDirectory(Path.Combine(data, "media", "v1", "hls"));
        await File.WriteAllBytesAsync(Path.Combine(data, "media", "v1", "original"), new byte[1000]);
        await File.WriteAllBytesAsync(Path.Combine(data, "media", "v1", "hls", "seg0.ts"), new byte[234]);
        (await gauge.MeasureAsync(CancellationToken.None)).MediaBytes.Should().Be(0, "the last walk is less than a minute old");

        clock.Advance(MediaStorageGauge.MaxAge + TimeSpan.FromSeconds(1));
        var measured = await gauge.MeasureAsync(CancellationToken.None);
        measured.MediaBytes.Should().Be(1234, "every file under media, in every folder");
        measured.FreeBytes.Should().BePositive();
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
