using System.Security.Cryptography;

namespace Framecast.Features.Live.Rtmp;

/// <summary>
/// The simple RTMP handshake (RTMP 1.0 §5.2), which OBS and ffmpeg accept: C0+C1 in, S0+S1+S2 out (S2 echoes C1),
/// C2 in and dropped. The caller bounds it in time: a peer that stalls here holds nothing else.
/// </summary>
public static class RtmpHandshake
{
    public const int Size = 1536;
    private const byte Version = 3;

    public static async Task PerformAsync(Stream stream, CancellationToken cancellationToken)
    {
        var c0c1 = new byte[1 + Size];
        await stream.ReadExactlyAsync(c0c1, cancellationToken);
        if (c0c1[0] != Version)
        {
            throw new RtmpProtocolException($"RTMP version {c0c1[0]} is not 3 (is this an RTMP client?).");
        }
        var response = new byte[1 + Size + Size];
        response[0] = Version;
        // S1: time (4 bytes), zero (4 bytes), random; bytes 4–7 stay zero for the simple handshake.
        RandomNumberGenerator.Fill(response.AsSpan(1 + 8, Size - 8));
        c0c1.AsSpan(1).CopyTo(response.AsSpan(1 + Size));
        await stream.WriteAsync(response, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        var c2 = new byte[Size];
        await stream.ReadExactlyAsync(c2, cancellationToken);
    }
}
