using System.Buffers.Text;
using System.Text;
using Framecast.Hosting;
using Framecast.Infrastructure.Http.FastPath;
using Framecast.Infrastructure.Storage;

namespace Framecast.Features.Playback;

/// <summary>
/// The stream role's fast path: whole files and single byte ranges of public and unlisted media, answered exactly as
/// <see cref="PlaybackEndpoints"/> would (same headers, validators and limits) but without Kestrel's per-request cost.
/// Anything with more to it — private videos and tokens, conditional requests, CORS, multiple or unsatisfiable
/// ranges, errors — is handed to the endpoints.
/// </summary>
public sealed class PlaybackFastResponder(PlaybackAccess access, IBlobStore blobs, MediaLimits limits) : IFastResponder
{
    private const int MaxIdLength = 64;

    public FastDecision Decide(in FastRequest request, FastResponse response)
    {
        var target = request.Target;
        if (blobs is not LocalBlobStore local || !target.StartsWith("/media/"u8) || target.IndexOfAny("?%\\"u8) >= 0)
        {
            return FastDecision.HandOff;
        }
        var path = Encoding.ASCII.GetString(target["/media/".Length..]);
        var slash = path.IndexOf('/');
        if (slash <= 0 || slash > MaxIdLength || !IsIdLike(path.AsSpan(0, slash)) || MediaFile.FromPath(path[(slash + 1)..]) is not { } media)
        {
            return FastDecision.HandOff;
        }
        var id = path[..slash];
        if (!access.TryGetCached(id, out var video))
        {
            response.WaitFor = access.LoadAsync(id);
            return FastDecision.Wait;
        }
        if (video is null || PlaybackAccess.IsGone(video) || video.IsPrivate || !media.IsAvailable(video))
        {
            return FastDecision.HandOff;
        }
        if (!FastFile.TryOpen(local.PathOf($"{id}/{media.Name}"), out var file, out var length, out var lastWrite))
        {
            return FastDecision.HandOff; // missing or unreadable: the endpoint's 404
        }
        response.File = file;
        long start = 0, count = length;
        var partial = !request.Range.IsEmpty;
        if (length == 0 || (partial && (request.IsHead || !TryParseRange(request.Range, length, out start, out count))))
        {
            return FastDecision.HandOff;
        }
        // Over a limit the endpoint answers the 429 (and counts it), exactly as without the fast path.
        if (limits.TryAcquire(request.ClientAddress) is not { } permits)
        {
            return FastDecision.HandOff;
        }
        response.Lease = permits;
        response.StartHead(partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK, partial ? "Partial Content" : "OK");
        response.AddHeader("Content-Length", count);
        response.AddHeader("Content-Type", MediaFileNames.ContentType(media.Name));
        response.AddHeader("Accept-Ranges", "bytes");
        response.AddHeader("Cache-Control", media.CacheControl(video));
        if (partial)
        {
            response.AddHeader("Content-Range", $"bytes {start}-{start + count - 1}/{length}");
        }
        response.AddHeader("ETag", MediaValidators.EntityTag(length, lastWrite));
        response.AddHeader("Last-Modified", MediaValidators.LastModified(lastWrite));
        foreach (var (name, value) in SecurityHeaders.All)
        {
            response.AddHeader(name, value);
        }
        response.Offset = start;
        response.Length = request.IsHead ? 0 : count;
        return FastDecision.Respond;
    }

    /// <summary>
    /// One range, <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>, satisfiable against <paramref name="length"/>,
    /// clamped as ASP.NET Core clamps it. Anything else (several ranges, spaces, other units, 416 cases) is false.
    /// </summary>
    public static bool TryParseRange(ReadOnlySpan<byte> value, long length, out long start, out long count)
    {
        start = count = 0;
        if (!value.StartsWith("bytes="u8))
        {
            return false;
        }
        var spec = value["bytes=".Length..];
        var dash = spec.IndexOf((byte)'-');
        if (dash < 0)
        {
            return false;
        }
        var first = spec[..dash];
        var last = spec[(dash + 1)..];
        if (first.IsEmpty)
        {
            if (!TryParseDigits(last, out var suffix) || suffix == 0)
            {
                return false;
            }
            start = Math.Max(0, length - suffix);
            count = length - start;
            return true;
        }
        if (!TryParseDigits(first, out start) || start >= length)
        {
            return false;
        }
        var end = length - 1;
        if (!last.IsEmpty)
        {
            if (!TryParseDigits(last, out var requested) || requested < start)
            {
                return false;
            }
            end = Math.Min(end, requested);
        }
        count = end - start + 1;
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && Utf8Parser.TryParse(digits, out value, out var used) && used == digits.Length;
    }

    private static bool IsIdLike(ReadOnlySpan<char> id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }
        return true;
    }
}
