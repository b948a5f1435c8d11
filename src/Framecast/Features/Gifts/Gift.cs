namespace Framecast.Features.Gifts;

/// <summary>An item of the catalogue. Never deleted once sent (its sends keep pointing at it): retired by <see cref="Active"/>.</summary>
public sealed class Gift
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public long PriceCoins { get; set; }
    public string? ImageUrl { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; init; }
}
