using System.Diagnostics;
using Framecast.Infrastructure.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framecast.Tests.Infrastructure.Media;

[Collection(MediaClipsCollection.Name)]
public sealed class FfmpegRunnerTests(MediaClipsFixture clips)
{
    [Fact]
    public async Task Cancelling_stops_ffmpeg_within_seconds_and_throws()
    {
        var marker = Path.Combine(clips.Directory, $"long-{Guid.NewGuid():N}.mp4");
        var command = FfmpegCommand.Ffmpeg(
            ["-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "600", "-c:v", "libx264", "-preset", "ultrafast", marker]);
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = clips.Runner.RunAsync(command, new InlineProgress(_ => started.TrySetResult()), cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        IsRunning(marker).Should().BeTrue();

        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        var act = () => run;

        await act.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6));
        IsRunning(marker).Should().BeFalse();
    }

    [Fact]
    public async Task A_run_without_progress_is_killed_as_stalled()
    {
        // ffmpeg waits forever for stdin input it never gets, so it never reports progress and ignores "q".
        var runner = new FfmpegRunner(TimeProvider.System, NullLogger<FfmpegRunner>.Instance) { QuitGracePeriod = TimeSpan.FromMilliseconds(500) };
        var marker = Path.Combine(clips.Directory, $"stall-{Guid.NewGuid():N}.mp4");
        var command = FfmpegCommand.Ffmpeg(["-y", "-f", "mpegts", "-i", "pipe:0", marker]) with { StallTimeout = TimeSpan.FromSeconds(1) };
        var clock = Stopwatch.StartNew();

        var act = () => runner.RunAsync(command, null, CancellationToken.None);

        (await act.Should().ThrowAsync<FfmpegStalledException>()).Which.StallTimeout.Should().Be(TimeSpan.FromSeconds(1));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        IsRunning(marker).Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_run_throws_with_the_stderr_tail_and_writes_the_log()
    {
        var log = Path.Combine(clips.Directory, $"job-{Guid.NewGuid():N}.log");
        var command = FfmpegCommand.Ffmpeg(["-i", "/nonexistent/in put.mp4", "-f", "null", "-"]) with { LogPath = log };

        var act = () => clips.Runner.RunAsync(command, null, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<FfmpegException>()).Which;
        error.ExitCode.Should().NotBe(0);
        error.StderrTail.Should().Contain(l => l.Contains("No such file or directory"));
        error.Hint.Should().NotBeNull();
        var logged = await File.ReadAllTextAsync(log);
        logged.Should().Contain("ffmpeg -hide_banner -nostats -progress pipe:1 -i \"/nonexistent/in put.mp4\" -f null -")
            .And.Contain("No such file or directory").And.Contain("# exit code");
    }

    [Fact]
    public async Task Stdout_is_returned_for_data_runs()
    {
        var result = await clips.Runner.RunAsync(FfmpegCommand.Ffprobe(["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", clips.PathOf("landscape")]), null, CancellationToken.None);

        double.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(2, 0.1);
    }

    // Linux only, like the worker: finds a live process whose command line contains the marker.
    private static bool IsRunning(string marker) =>
        System.IO.Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Any(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(marker, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false; // the process exited while we looked
                }
                catch (UnauthorizedAccessException)
                {
                    return false; // another user's process cannot be ours
                }
            });
}
