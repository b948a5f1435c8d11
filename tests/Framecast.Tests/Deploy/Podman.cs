using System.Diagnostics;

namespace Framecast.Tests.Deploy;

/// <summary>Runs podman (and the deploy scripts around it) to completion, with optional standard input.</summary>
public static class Podman
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => $"{Stdout}{Stderr}";
    }

    public static Task<Result> RunAsync(params string[] args) => RunToolAsync("podman", args);

    /// <summary>Runs <paramref name="tool"/>; throws with its output when it exits non-zero unless <paramref name="check"/> is false.</summary>
    public static async Task<Result> RunToolAsync(string tool, IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null, bool check = true)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            WorkingDirectory = Support.Repository.Root,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
            process.StandardInput.Close();
        }
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}: {await stderr}");
        }
        var result = new Result(process.ExitCode, await stdout, await stderr);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} exited {result.ExitCode}: {result.Output}");
        }
        return result;
    }
}
