using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Framecast.Infrastructure.Audit;

/// <summary>One admin action: who (a copy of the name, so it outlives the account), what, on what, from where, when.</summary>
public sealed class AuditEntry
{
    public required string Id { get; init; }
    public string? ActorId { get; init; }
    public required string ActorUsername { get; init; }
    public required string Action { get; init; }
    public required string TargetType { get; init; }
    public required string TargetId { get; init; }

    /// <summary>The request's own fields (a reason, an amount) as JSON.</summary>
    public required string Detail { get; init; }
    public string? Address { get; init; }
    public DateTime CreatedAt { get; init; }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("admin_audit");
        builder.HasKey(a => a.Id);
    }
}
