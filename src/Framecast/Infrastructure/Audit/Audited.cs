namespace Framecast.Infrastructure.Audit;

/// <summary>
/// Names an admin endpoint's action for the audit log (<c>user.ban</c>) and what it acts on: the type, and the route
/// value that identifies it. Endpoints without it are logged as their method and route.
/// </summary>
public sealed record Audited(string Action, string TargetType, string TargetRouteValue = "id");

public static class AuditedExtensions
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string targetType, string targetRouteValue = "id") =>
        builder.WithMetadata(new Audited(action, targetType, targetRouteValue));
}
