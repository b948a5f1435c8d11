using Framecast.Features.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class LiveModel(LiveChannelService live) : PageModel
{
    public IReadOnlyList<LiveCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Cards = await live.LiveCardsAsync(100, cancellationToken);
}
