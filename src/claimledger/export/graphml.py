"""The entity–claim graph: sources state claims, channels cite sources; written as GraphML.

Nodes are entities (or, for a source the ledger could not resolve, the name
the report gives, id ``name:...``) and claims. Edges: ``states`` from a
source to a claim, carrying the stances and statement ids; ``cites`` from a
channel to the source (or nearer channel) it passes on. GraphML attributes
are scalars, so lists are joined with spaces.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from claimledger.records import Ledger, StoredReport
from claimledger.report.context import LedgerContext


def entity_claim_graph(ctx: LedgerContext) -> nx.DiGraph:
    graph = nx.DiGraph()

    def add_entity(node: str) -> None:
        if node not in graph:
            entity = ctx.entities.get(node)
            label = entity.name if entity else node.removeprefix("name:")
            graph.add_node(node, kind="entity", label=label, type=entity.type if entity else "UNRESOLVED")

    for claim in ctx.ledger.claims:
        graph.add_node(claim.id, kind="claim", label=claim.summary, status=claim.status,
                       independent_sources=claim.independent_sources)
        stances: dict[str, Counter] = {}
        statements: dict[str, list[str]] = {}
        for aid in claim.attribution_ids:
            found = ctx.attribution(aid)
            source = ctx.source_key(aid)
            if found is None or source is None:
                continue
            add_entity(source)
            stances.setdefault(source, Counter())[found[1].stance] += 1
            statements.setdefault(source, []).append(aid)
            chain = [*ctx.ledger.via_entities.get(aid, []), source]  # nearest channel first, source last
            for near, far in zip(chain, chain[1:]):
                if near == far:
                    continue
                add_entity(near)
                previous = graph.get_edge_data(near, far, {}).get("attribution_ids", "")
                graph.add_edge(near, far, relation="cites", attribution_ids=f"{previous} {aid}".strip())
        for source, counts in stances.items():
            graph.add_edge(source, claim.id, relation="states", stance=counts.most_common(1)[0][0],
                           stances=" ".join(sorted(counts)), attribution_ids=" ".join(statements[source]))
    return graph


def write_graphml(reports: list[StoredReport], ledger: Ledger, path: Path) -> nx.DiGraph:
    graph = entity_claim_graph(LedgerContext(reports, ledger))
    nx.write_graphml(graph, Path(path))
    return graph
