using EOffice.Correspondence.Signing;
using EOffice.Org;

namespace EOffice.Correspondence.Tests;

/// <summary>The "who may sign" rule on its own, over a small org chart: agency → division → section.</summary>
public sealed class SigningAuthorityRuleTests
{
    private static readonly Guid Agency = Guid.NewGuid(), Division = Guid.NewGuid(), Section = Guid.NewGuid(), Sibling = Guid.NewGuid(), Other = Guid.NewGuid();

    private static readonly OrgPosition Head = new() { Id = Guid.NewGuid(), UnitId = Agency, IsUnitHead = true };
    private static readonly OrgPosition DivisionHead = new() { Id = Guid.NewGuid(), UnitId = Division, SuperiorId = Head.Id, IsUnitHead = true };
    private static readonly OrgPosition SectionHead = new() { Id = Guid.NewGuid(), UnitId = Section, SuperiorId = DivisionHead.Id, IsUnitHead = true };
    private static readonly OrgPosition Staff = new() { Id = Guid.NewGuid(), UnitId = Section, SuperiorId = SectionHead.Id };
    private static readonly OrgPosition Colleague = new() { Id = Guid.NewGuid(), UnitId = Section, SuperiorId = SectionHead.Id };
    private static readonly OrgPosition SiblingHead = new() { Id = Guid.NewGuid(), UnitId = Sibling, SuperiorId = Head.Id, IsUnitHead = true };
    private static readonly OrgPosition OtherHead = new() { Id = Guid.NewGuid(), UnitId = Other, IsUnitHead = true };

    private static readonly IReadOnlyList<OrgPosition> StaffChain = [Staff, SectionHead, DivisionHead, Head];

    [Fact]
    public void The_head_of_the_drafters_unit_and_of_every_unit_above_may_sign()
    {
        Assert.True(SigningAuthority.MaySign(SectionHead, StaffChain, []));
        Assert.True(SigningAuthority.MaySign(DivisionHead, StaffChain, []));
        Assert.True(SigningAuthority.MaySign(Head, StaffChain, []));
    }

    [Fact]
    public void A_position_heading_a_unit_may_sign_its_own_letter()
    {
        Assert.True(SigningAuthority.MaySign(DivisionHead, [DivisionHead, Head], []));
    }

    [Fact]
    public void Staff_cannot_sign_not_even_their_own_letter_or_a_colleagues()
    {
        Assert.False(SigningAuthority.MaySign(Staff, StaffChain, []));
        Assert.False(SigningAuthority.MaySign(Colleague, StaffChain, []));
    }

    [Fact]
    public void Heads_outside_the_drafters_chain_cannot_sign()
    {
        Assert.False(SigningAuthority.MaySign(SiblingHead, StaffChain, []));
        Assert.False(SigningAuthority.MaySign(OtherHead, StaffChain, []));
        Assert.False(SigningAuthority.MaySign(SectionHead, [DivisionHead, Head], []));
    }

    [Fact]
    public void Without_a_drafter_position_no_one_may_sign()
    {
        Assert.False(SigningAuthority.MaySign(Head, [], []));
    }

    [Fact]
    public void A_delegation_lets_a_position_sign_for_an_official_of_the_drafter()
    {
        Assert.True(SigningAuthority.MaySign(SiblingHead, StaffChain, [DivisionHead]));
        Assert.False(SigningAuthority.MaySign(SiblingHead, StaffChain, [OtherHead]));
    }
}
