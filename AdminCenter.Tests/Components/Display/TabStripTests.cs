using AdminCenter.Components.Display;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace AdminCenter.Tests.Components.Display;

public sealed class TabStripTests : MudTestContext
{
    private static readonly string[] Titles = ["Overview", "History", "What if"];

    [Fact]
    public void Render_SecondTabActive_MarksItSelectedAndDrawsOnlyItsPanel()
    {
        var cut = RenderStrip(active: 1);

        var tabs = cut.FindAll("[role='tab']");
        Assert.Equal(Titles, tabs.Select(t => t.TextContent.Trim()));
        Assert.Equal(["false", "true", "false"], tabs.Select(t => t.GetAttribute("aria-selected")));
        Assert.Equal(["-1", "0", "-1"], tabs.Select(t => t.GetAttribute("tabindex")));
        var panel = cut.Find("[role='tabpanel']");
        Assert.Equal("panel of History", panel.TextContent.Trim());
        Assert.Equal(tabs[1].Id, panel.GetAttribute("aria-labelledby"));
        Assert.Equal(panel.Id, tabs[1].GetAttribute("aria-controls"));
    }

    [Theory]
    [InlineData(0, "ArrowRight", 1)]
    [InlineData(2, "ArrowRight", 0)]
    [InlineData(0, "ArrowLeft", 2)]
    [InlineData(1, "Home", 0)]
    [InlineData(0, "End", 2)]
    public void Key_OnATab_SelectsAndFocusesTheNextAsMudTabsDo(int active, string key, int expected)
    {
        var focus = JSInterop.SetupVoid("adminCenter.focusUnlessEditing", _ => true);
        var cut = RenderStrip(active);

        cut.FindAll("[role='tab']")[active].KeyDown(new KeyboardEventArgs { Key = key });

        cut.WaitForAssertion(() => Assert.Equal("true", cut.FindAll("[role='tab']")[expected].GetAttribute("aria-selected")));
        var invocation = Assert.Single(focus.Invocations);
        Assert.Equal($"#test-tab-{expected}", invocation.Arguments[0]);
    }

    [Fact]
    public void Click_AnotherTab_SelectsItWithoutMovingFocus()
    {
        var cut = RenderStrip(active: 0);

        cut.FindAll("[role='tab']")[2].Click();

        cut.WaitForAssertion(() => Assert.Equal("panel of What if", cut.Find("[role='tabpanel']").TextContent.Trim()));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "adminCenter.focusUnlessEditing");
    }

    // A parent that binds the active tab, as the pages do.
    private IRenderedComponent<TabHost> RenderStrip(int active) =>
        Render<TabHost>(parameters => parameters.Add(p => p.Active, active));

    private sealed class TabHost : ComponentBase
    {
        [Parameter]
        public int Active { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<TabStrip>(0);
            builder.AddComponentParameter(1, nameof(TabStrip.Titles), Titles);
            builder.AddComponentParameter(2, nameof(TabStrip.ActiveIndex), Active);
            builder.AddComponentParameter(3, nameof(TabStrip.ActiveIndexChanged), EventCallback.Factory.Create<int>(this, index => Active = index));
            builder.AddComponentParameter(4, nameof(TabStrip.IdPrefix), "test");
            builder.AddComponentParameter(5, nameof(TabStrip.ChildContent), (RenderFragment)(content => content.AddContent(0, $"panel of {Titles[Active]}")));
            builder.CloseComponent();
        }
    }
}
