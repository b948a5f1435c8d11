using Dapper;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Chat;

/// <summary>
/// Each account's send rate, in the database so every node agrees: GCRA (a token bucket kept as one time per account).
/// A send is taken only if it fits the burst; a refused one changes nothing, so hammering does not lengthen the wait.
/// </summary>
public sealed class ChatRateLimiter(DbConnectionFactory connections, TimeProvider clock, IOptions<ChatOptions> options)
{
    private const string TakeSql = """
        INSERT INTO chat_rate (user_id, tat_us) VALUES (@user, @now + @interval)
        ON CONFLICT (user_id) DO UPDATE SET
          tat_us = (CASE WHEN chat_rate.tat_us > @now THEN chat_rate.tat_us ELSE @now END) + @interval
        WHERE (CASE WHEN chat_rate.tat_us > @now THEN chat_rate.tat_us ELSE @now END) + @interval - @now <= @window
        RETURNING tat_us
        """;

    /// <summary>Takes one send for <paramref name="userId"/>; the wait before the next is allowed when refused, else null.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string userId, CancellationToken cancellationToken)
    {
        var interval = (long)(1_000_000 / options.Value.RatePerSecond);
        var window = interval * options.Value.RateBurst;
        var now = UtcMicrosecondsConverter.ToMicros(clock.UtcNowMicros());
        await using var connection = await connections.OpenAsync(cancellationToken);
        var taken = await connection.QueryFirstOrDefaultAsync<long?>(new CommandDefinition(TakeSql,
            new { user = userId, now, interval, window }, cancellationToken: cancellationToken));
        if (taken is not null)
        {
            return null;
        }
        var tat = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT tat_us FROM chat_rate WHERE user_id = @user",
            new { user = userId }, cancellationToken: cancellationToken));
        return TimeSpan.FromMicroseconds(Math.Max(tat + interval - window - now, 1));
    }
}
