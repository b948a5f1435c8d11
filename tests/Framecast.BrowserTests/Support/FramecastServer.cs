using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Framecast.Tests.Support;

namespace Framecast.BrowserTests.Support;

/// <summary>
/// The real <c>framecast serve</c> (all roles, SQLite, real ffmpeg) as a separate process on a free loopback port.
/// Its output is kept (the last lines) so a failing test can say what the server was doing.
/// </summary>
public sealed class FramecastServer : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process process;
    private readonly Queue<string> output = new();

    private FramecastServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Where broadcasters publish: <c>rtmp://127.0.0.1:{RtmpPort}/live/KEY</c>.</summary>
    public int RtmpPort { get; private init; }

    public const long UploadLimitBytes = 64L * 1024 * 1024;

    public static async Task<FramecastServer> StartAsync(string dataDirectory)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = FramecastProcess.StartInfo(["serve", "--urls", address.ToString().TrimEnd('/'), "--data", dataDirectory]);
        // Framecast's own information lines (jobs, ffmpeg stages) are what explains a stuck upload; the framework's are noise.
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Logging__LogLevel__Microsoft"] = "Warning";
        info.Environment["Logging__LogLevel__System"] = "Warning";
        // Small enough that the "too large" message can be tested with a sparse file; above every clip the tests upload.
        info.Environment["FRAMECAST__UPLOADS__MAXBYTES"] = UploadLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rtmpPort = FreePort();
        // Trending follows the tests' videos within seconds instead of the default 5 minutes.
        info.Environment["FRAMECAST__DISCOVERY__TRENDINGINTERVAL"] = "00:00:02";
        info.Environment["FRAMECAST__LIVE__RTMPLISTEN"] = $"127.0.0.1:{rtmpPort}";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new FramecastServer(process, address) { RtmpPort = rtmpPort };
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>The server's last output lines (each cut short: a logged stack trace is one long line), for failure messages.</summary>
    public string OutputTail(int lines = 40)
    {
        lock (output)
        {
            return string.Join('\n', output.Skip(Math.Max(0, output.Count - lines)).Select(line => line.Length <= 400 ? line : line[..400] + "…"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines)
            {
                output.Dequeue();
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < within)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"framecast serve exited with {process.ExitCode} before it was ready:\n{OutputTail()}");
            }
            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = $"/readyz answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"framecast serve was not ready within {within.TotalSeconds} s ({last}):\n{OutputTail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
