using System.Collections.Concurrent;
using System.Diagnostics;

namespace Framecast.Tests.Support;

/// <summary>
/// A real <c>framecast serve</c> process, started and awaited until <c>/healthz</c> answers. A server that exits
/// before answering fails the wait at once with the last lines it wrote, instead of a bare timeout.
/// </summary>
public sealed class ServeProcess
{
    private const int KeptLines = 40;
    private readonly ConcurrentQueue<string> _output = new();

    private ServeProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts <c>serve --urls http://127.0.0.1:{port}</c> plus <paramref name="extraArgs"/> and waits until it answers.</summary>
    public static async Task<ServeProcess> StartAsync(int port, IReadOnlyDictionary<string, string?> env, params string[] extraArgs)
    {
        var server = new ServeProcess(CliRunner.Start(["serve", "--urls", $"http://127.0.0.1:{port}", .. extraArgs], env));
        server.Process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server.Process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (server.Process.HasExited)
                {
                    throw new InvalidOperationException($"serve exited with {server.Process.ExitCode} before answering:\n{server.Output}");
                }
                try
                {
                    using var response = await probe.GetAsync("/healthz");
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            }, "the server answers", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            await server.StopAsync();
            throw new TimeoutException($"{e.Message}; it wrote:\n{server.Output}", e);
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
        return server;
    }

    /// <summary>Kills the server and whatever it started, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }
        await Process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }
}
