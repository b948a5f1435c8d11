using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Framecast.Infrastructure.Media;

/// <summary>
/// Starts ffmpeg/ffprobe with an argument list (never a shell), drains stdout and stderr concurrently, and always waits
/// for the process to exit before returning or throwing. We write this small piece ourselves (no CliWrap, DEPENDENCIES.md).
/// </summary>
public sealed class FfmpegRunner(TimeProvider timeProvider, ILogger<FfmpegRunner> logger) : IFfmpegRunner
{
    private const int TailLines = 50;

    /// <summary>How long ffmpeg gets to finish cleanly after "q" before it is killed; shortened in tests.</summary>
    internal TimeSpan QuitGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<FfmpegResult> RunAsync(FfmpegCommand command, IProgress<TranscodeProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        await using var log = await OpenLogAsync(command, cancellationToken);
        using var process = new Process { StartInfo = StartInfoFor(command) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start {command.Tool}: is ffmpeg installed and on PATH?", ex);
        }
        logger.LogDebug("Started {Tool} as process {ProcessId}", command.Tool, process.Id);

        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        var stallTimeout = command.ReportsProgress ? command.StallTimeout : null;
        if (stallTimeout is { } first)
        {
            stall.CancelAfter(first);
        }
        using var stopSignal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var stderr = new StderrCollector(TailLines, log);
        var stderrTask = stderr.ReadAsync(process.StandardError);
        var stdoutTask = command.ReportsProgress
            ? ReadProgressAsync(process.StandardOutput, progress, stall, stallTimeout)
            : process.StandardOutput.ReadToEndAsync(CancellationToken.None);

        var stopped = false;
        try
        {
            await process.WaitForExitAsync(stopSignal.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await StopAsync(process);
        }
        // The process is gone, so both pipes are at end of file and these finish.
        var stdout = await stdoutTask;
        await stderrTask;
        await stderr.WriteLogAsync($"# exit code {process.ExitCode}");

        if (stopped && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{command.Tool} was cancelled", cancellationToken);
        }
        if (stopped)
        {
            logger.LogWarning("{Tool} made no progress for {StallTimeout} and was killed", command.Tool, stallTimeout);
            throw new FfmpegStalledException(stallTimeout ?? TimeSpan.Zero, process.ExitCode, stderr.Tail);
        }
        if (process.ExitCode != 0)
        {
            throw new FfmpegException(process.ExitCode, stderr.Tail, command.Tool);
        }
        return new FfmpegResult(stdout, stderr.Tail);
    }

    private static ProcessStartInfo StartInfoFor(FfmpegCommand command)
    {
        var info = new ProcessStartInfo(command.Tool)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    private async Task<StreamWriter?> OpenLogAsync(FfmpegCommand command, CancellationToken cancellationToken)
    {
        if (command.LogPath is null)
        {
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(command.LogPath))!);
        var log = new StreamWriter(command.LogPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"# {timeProvider.GetUtcNow():O}".AsMemory(), cancellationToken);
        await log.WriteLineAsync(command.ToDisplayString().AsMemory(), cancellationToken);
        return log;
    }

    private static async Task<string> ReadProgressAsync(
        StreamReader stdout, IProgress<TranscodeProgress>? progress, CancellationTokenSource stall, TimeSpan? stallTimeout)
    {
        var parser = new FfmpegProgressParser();
        ExceptionDispatchInfo? reportFailure = null;
        while (await stdout.ReadLineAsync() is { } line)
        {
            if (parser.Accept(line) is not { } report)
            {
                continue;
            }
            if (stallTimeout is { } timeout && !stall.IsCancellationRequested)
            {
                stall.CancelAfter(timeout);
            }
            try
            {
                if (reportFailure is null)
                {
                    progress?.Report(report);
                }
            }
            catch (Exception ex)
            {
                // Keep draining: ffmpeg would block on a full stdout pipe. The failure is rethrown once the process ends.
                reportFailure = ExceptionDispatchInfo.Capture(ex);
            }
        }
        reportFailure?.Throw();
        return "";
    }

    private async Task StopAsync(Process process)
    {
        try
        {
            // "q" lets ffmpeg finish its current packet and close files cleanly.
            await process.StandardInput.WriteAsync('q');
            await process.StandardInput.FlushAsync();
        }
        catch (IOException)
        {
            // The process already exited and closed stdin; waiting below returns at once.
        }
        using var grace = new CancellationTokenSource(QuitGracePeriod, timeProvider);
        try
        {
            await process.WaitForExitAsync(grace.Token);
            return;
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Process {ProcessId} ignored \"q\" for {Grace}; killing it", process.Id, QuitGracePeriod);
        }
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the wait and the kill; nothing left to stop.
        }
        await process.WaitForExitAsync(CancellationToken.None);
    }
}
