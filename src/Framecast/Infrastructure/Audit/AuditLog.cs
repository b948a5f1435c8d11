using System.Security.Claims;
using Dapper;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;

namespace Framecast.Infrastructure.Audit;

/// <summary>Writes audit entries on their own connection, so nothing a handler left pending is saved with them.</summary>
public sealed class AuditLog(DbConnectionFactory connections, TimeProvider clock)
{
    public const int MaxDetailLength = 2000;

    public async Task RecordAsync(ClaimsPrincipal actor, string? address, string action, string targetType, string targetId, string detail,
        CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO admin_audit (id, actor_id, actor_username, action, target_type, target_id, detail, address, created_at)
            VALUES (@id, @actorId, @actorUsername, @action, @targetType, @targetId, @detail, @address, @createdAt)
            """, new
        {
            id = Ids.New(),
            actorId = actor.FindFirstValue(ClaimTypes.NameIdentifier),
            actorUsername = actor.FindFirstValue(ClaimTypes.Name) ?? "",
            action,
            targetType,
            targetId,
            detail = detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength],
            address,
            createdAt = connections.Time(clock.UtcNowMicros()),
        }, cancellationToken: cancellationToken));
    }
}
