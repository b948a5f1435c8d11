using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Framecast.Features.Live.Hls;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// One publisher's ffmpeg run: FLV goes in on stdin (<see cref="Input"/>), each rendition's fragmented MP4 comes back
/// on a Unix socket of its own and is packaged into its <see cref="LiveRendition"/> as it arrives. Ends when stdin is
/// closed (ffmpeg flushes what it has) or when disposed (ffmpeg is killed).
/// </summary>
public sealed class LiveTranscoder : IAsyncDisposable
{
    private const int StderrLines = 40;
    private readonly Process _process;
    private readonly string _directory;
    private readonly List<Socket> _listeners = [];
    private readonly Queue<string> _stderr = new();
    private readonly Task _outputs;
    private readonly Task _stderrDrain;
    private readonly CancellationTokenSource _stop = new();

    private LiveTranscoder(Process process, string directory, List<Socket> listeners, IReadOnlyList<(LiveRung Rung, LiveRendition Rendition)> outputs, Func<double, DateTimeOffset> programDateTime, ILogger logger)
    {
        _process = process;
        _directory = directory;
        _listeners = listeners;
        _stderrDrain = DrainStderrAsync(logger);
        _outputs = Task.WhenAll(outputs.Select((o, i) => PackageAsync(listeners[i], o.Rendition, programDateTime, logger, _stop.Token)));
    }

    /// <summary>ffmpeg's stdin: the FLV stream of the publisher.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Completes when every rendition's output has ended.</summary>
    public Task Completion => _outputs;

    /// <summary>The last lines ffmpeg printed (warnings and errors only), for the log when a run fails.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>Starts ffmpeg for <paramref name="outputs"/>; <paramref name="programDateTime"/> maps a media time (s) to when it arrived.</summary>
    public static LiveTranscoder Start(IReadOnlyList<(LiveRung Rung, LiveRendition Rendition)> outputs, string preset,
        Func<double, DateTimeOffset> programDateTime, ILogger logger)
    {
        var directory = Path.Combine(Path.GetTempPath(), "framecast-live-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant());
        Directory.CreateDirectory(directory);
        var listeners = new List<Socket>();
        var paths = new Dictionary<string, string>();
        try
        {
            foreach (var (rung, _) in outputs)
            {
                var path = Path.Combine(directory, rung.Name + ".sock");
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                listeners.Add(socket);
                socket.Bind(new UnixDomainSocketEndPoint(path));
                socket.Listen(1);
                paths[rung.Name] = path;
            }
            var info = new ProcessStartInfo("ffmpeg")
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in LiveTranscodeCommand.Arguments([.. outputs.Select(o => o.Rung)], paths, preset, outputs[0].Rendition.Timing))
            {
                info.ArgumentList.Add(argument);
            }
            var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
            return new LiveTranscoder(process, directory, listeners, outputs, programDateTime, logger);
        }
        catch
        {
            listeners.ForEach(l => l.Dispose());
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>No more input: ffmpeg writes out what it holds and ends; waits for that, at most <paramref name="grace"/>.</summary>
    public async Task FinishAsync(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // ffmpeg is gone already.
        }
        await Task.WhenAny(_outputs, Task.Delay(grace));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        await Task.WhenAll(_outputs.ContinueWith(_ => { }, TaskScheduler.Default), _stderrDrain.ContinueWith(_ => { }, TaskScheduler.Default));
        _listeners.ForEach(l => l.Dispose());
        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A socket file left in /tmp is harmless.
        }
    }

    private static async Task PackageAsync(Socket listener, LiveRendition rendition, Func<double, DateTimeOffset> programDateTime, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await listener.AcceptAsync(cancellationToken);
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var reader = new Fmp4StreamReader(stream);
            if (await reader.ReadInitAsync(cancellationToken) is not { } init)
            {
                return;
            }
            rendition.StartInit(init);
            while (await reader.ReadFragmentAsync(cancellationToken) is { } bytes)
            {
                if (Fmp4Fragment.Parse(bytes, init) is { } fragment)
                {
                    rendition.Add(fragment, programDateTime(fragment.Start));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            logger.LogWarning(e, "Live rendition {Rendition}: the transcoder's output broke off", rendition.Name);
        }
    }

    private async Task DrainStderrAsync(ILogger logger)
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_stderr)
            {
                if (_stderr.Count == StderrLines)
                {
                    _stderr.Dequeue();
                }
                _stderr.Enqueue(line);
            }
            logger.LogDebug("live ffmpeg: {Line}", line);
        }
    }
}
