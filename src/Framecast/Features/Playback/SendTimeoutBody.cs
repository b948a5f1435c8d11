using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Framecast.Features.Playback;

/// <summary>
/// Sends a media file like the server's own file copy, but gives up on a client that accepts nothing for
/// <see cref="PlaybackOptions.SendTimeout"/> (nginx's <c>send_timeout</c>). Kestrel's minimum data rate alone does not:
/// it credits every byte already handed to the socket buffers, so a reader that stops after a few megabytes keeps its
/// media slot for hours (issue 11). Ranges, validators and HEAD stay the framework's file result's work.
/// </summary>
public sealed class SendTimeoutBody(IHttpResponseBodyFeature inner, HttpContext http, TimeSpan timeout) : IHttpResponseBodyFeature
{
    private const int ChunkBytes = 64 * 1024;

    public Stream Stream => inner.Stream;

    public PipeWriter Writer => inner.Writer;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task CompleteAsync() => inner.CompleteAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Seek(offset, SeekOrigin.Begin);
        var remaining = count ?? file.Length - offset;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var served = http.RequestServices.GetRequiredService<Infrastructure.Telemetry.FramecastMetrics>();
        while (remaining > 0)
        {
            var buffer = Writer.GetMemory(ChunkBytes);
            var read = await file.ReadAsync(buffer[..(int)Math.Min(remaining, buffer.Length)], cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The file ended {remaining} bytes early.");
            }
            Writer.Advance(read);
            served.MediaBytesServed(read);
            remaining -= read;
            stall.CancelAfter(timeout);
            try
            {
                if ((await Writer.FlushAsync(stall.Token)).IsCompleted)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing accepted for the whole timeout: drop the connection, which ends the request and frees its slot.
                http.Abort();
                throw;
            }
        }
    }

    /// <summary>Installs the timeout on this request's response (a media route's endpoint filter calls it).</summary>
    public static void Install(HttpContext http, TimeSpan timeout)
    {
        var body = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        http.Features.Set<IHttpResponseBodyFeature>(new SendTimeoutBody(body, http, timeout));
    }
}
