using Framecast.Infrastructure.Audit;
using Framecast.Features.Accounts;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Gifts;

/// <summary>Admins keep the catalogue. Deleting retires a gift (sends keep their history); PATCH <c>active: true</c> brings it back.</summary>
public static class GiftsAdminEndpoints
{
    public static IEndpointRouteBuilder MapGiftsAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/v1/admin/gifts");
        admin.MapGet("", List);
        admin.MapPost("", Create).Audited("gift.create", "gift");
        admin.MapPatch("/{id}", Update).Audited("gift.update", "gift");
        admin.MapDelete("/{id}", Retire).Audited("gift.retire", "gift");
        return app;
    }

    private static async Task<Ok<GiftCatalogResponse>> List(GiftCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(new GiftCatalogResponse(await catalog.ListAsync(includeRetired: true, cancellationToken)));

    private static async Task<Results<Created<GiftResponse>, ValidationProblem>> Create(CreateGiftRequest request, GiftCatalog catalog, CancellationToken cancellationToken)
    {
        var (gift, errors) = await catalog.CreateAsync(request, cancellationToken);
        return gift is null ? Problems.Validation(errors) : TypedResults.Created($"/api/v1/admin/gifts/{gift.Id}", GiftResponse.From(gift));
    }

    private static async Task<Results<Ok<GiftResponse>, ValidationProblem, ProblemHttpResult>> Update(string id, UpdateGiftRequest request, GiftCatalog catalog,
        CancellationToken cancellationToken)
    {
        var (gift, errors) = await catalog.UpdateAsync(id, request, cancellationToken);
        return gift is not null ? TypedResults.Ok(GiftResponse.From(gift))
            : errors.Count > 0 ? Problems.Validation(errors)
            : Problems.NotFound("gift.not_found", "No such gift");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Retire(string id, GiftCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.RetireAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("gift.not_found", "No such gift");
}
