using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Data;

namespace Framecast.Features.Live.Broadcasts;

/// <summary>
/// Who is watching: every playlist fetch marks its viewer (an account, the <c>fc_viewer</c> cookie, or the address and
/// browser when there is neither) as seen, in memory; every few seconds the marks go to <c>live_viewers</c>, where
/// any node's viewers of a broadcast meet, and a broadcast's viewers are those seen within <see cref="Window"/>.
/// </summary>
public sealed class LiveViewers(DbConnectionFactory connections, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    public const string ViewerCookie = "fc_viewer";

    /// <summary>Marks kept between flushes; past this many, new ones wait for the next flush (a flood costs nothing lasting).</summary>
    private const int MaxPending = 200_000;

    private ConcurrentDictionary<(string SessionId, string ViewerKey), DateTime> _seen = new();

    /// <summary>Marks the request's viewer as watching.</summary>
    public void Seen(string sessionId, HttpContext http)
    {
        if (_seen.Count < MaxPending)
        {
            _seen[(sessionId, KeyOf(http))] = clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>
    /// True when the request says who it is (an account or the cookie). A master playlist fetch without either is not
    /// counted: the player's media playlist fetches that follow are, with the cookie just given (a browser) or by
    /// address and browser (a player that keeps no cookies), so neither counts twice.
    /// </summary>
    public static bool Identified(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true || SessionTokens.LooksValid(http.Request.Cookies[ViewerCookie]);

    /// <summary>Writes the marks since the last flush and forgets viewers long gone.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var marks = Interlocked.Exchange(ref _seen, new());
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var ((sessionId, viewerKey), seenAt) in marks)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO live_viewers (session_id, viewer_key, seen_at) SELECT @sessionId, @viewerKey, @seenAt
                WHERE EXISTS (SELECT 1 FROM live_sessions WHERE id = @sessionId)
                ON CONFLICT (session_id, viewer_key) DO UPDATE SET seen_at = excluded.seen_at
                """,
                new { sessionId, viewerKey, seenAt = connections.Time(seenAt) }, transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM live_viewers WHERE seen_at < @before",
            new { before = connections.Time(clock.GetUtcNow().UtcDateTime - 2 * Window) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The heartbeat's last <see cref="CountAsync"/> (for the viewers gauge).</summary>
    public IReadOnlyDictionary<string, int> LastCounts { get; private set; } = new Dictionary<string, int>();

    /// <summary>Distinct viewers seen within the window, by broadcast.</summary>
    public async Task<Dictionary<string, int>> CountAsync(IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        var counts = sessionIds.ToDictionary(id => id, _ => 0);
        if (sessionIds.Count == 0)
        {
            return counts;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        var since = connections.Time(clock.GetUtcNow().UtcDateTime - Window);
        foreach (var id in sessionIds)
        {
            counts[id] = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM live_viewers WHERE session_id = @id AND seen_at > @since", new { id, since }, cancellationToken: cancellationToken));
        }
        LastCounts = counts;
        return counts;
    }

    /// <summary>Gives a browser without one the cookie that tells its viewers apart (two tabs count once).</summary>
    public static void EnsureCookie(HttpContext http)
    {
        if (!SessionTokens.LooksValid(http.Request.Cookies[ViewerCookie]))
        {
            http.Response.Cookies.Append(ViewerCookie, SessionTokens.New(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
        }
    }

    /// <summary>The account; else the <c>fc_viewer</c> cookie; else the address and browser.</summary>
    private static string KeyOf(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } userId)
        {
            return "u:" + userId;
        }
        var cookie = http.Request.Cookies[ViewerCookie];
        var secret = SessionTokens.LooksValid(cookie)
            ? "c:" + cookie
            : $"a:{http.Connection.RemoteIpAddress}|{http.Request.Headers.UserAgent}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..32];
    }
}
