"""BPMN 2.0 XML with diagram interchange (bpmn.io, Camunda Modeler) of a business chart.

A process with a laneSet (one lane per unit of a swimlane chart, inside a pool), tasks for
steps, exclusive gateways for decisions, start and end events, intermediate events for the
unit circles of the flow, data objects for documents, data stores for ledgers; arrows
between flow nodes become (labelled) sequence flows, arrows to or from a document or
ledger become data associations (of a task) or associations. BPMN DI places every
shape and edge at our layout's coordinates, so the file opens laid out.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from flowdsl.views.graph import View

from .geometry import Placed, place

NS = ('xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
      'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
      'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
      'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"')
#: our node kind -> BPMN element
ELEMENTS = {
    "step": "task", "decision": "exclusiveGateway", "start": "startEvent", "end": "endEvent",
    "unit": "intermediateThrowEvent", "unit_ext": "intermediateThrowEvent",
    "document": "dataObjectReference", "ledger": "dataStoreReference", "collect": "dataStoreReference",
    "connector": "intermediateThrowEvent",
}
DATA = ("dataObjectReference", "dataStoreReference")


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _id(vid: str) -> str:
    return f"Node_{vid}"


def to_bpmn(view: View, placed: Placed | None = None) -> bytes:
    from flowdsl.render.specs import edge_text

    if view.kind != "business":
        raise ValueError("BPMN export is for business charts")
    p = placed or place(view)
    kind = {n.id: ELEMENTS.get(n.kind, "task") for n in view.nodes}
    name = {n.node.id: n.text or n.node.label for n in p.nodes}
    incoming: dict[str, list[str]] = {n.id: [] for n in view.nodes}
    outgoing: dict[str, list[str]] = {n.id: [] for n in view.nodes}
    flows, assocs, data_in, data_out = [], [], {}, {}
    for i, e in enumerate(view.edges, 1):
        a, b = kind[e.src], kind[e.dst]
        fid = f"Flow_e{i}"
        if a not in DATA and b not in DATA:
            flows.append((fid, e))
            outgoing[e.src].append(fid)
            incoming[e.dst].append(fid)
        elif a == "task" and b in DATA:
            data_out.setdefault(e.src, []).append((fid, e))
        elif b == "task" and a in DATA:
            data_in.setdefault(e.dst, []).append((fid, e))
        else:
            assocs.append((fid, e))
    proc: list[str] = []
    lanes = list(dict.fromkeys(view.lanes))
    if lanes:
        proc.append('<bpmn:laneSet id="LaneSet_1">')
        for k, lane in enumerate(lanes, 1):
            refs = "".join(f"<bpmn:flowNodeRef>{_id(n.id)}</bpmn:flowNodeRef>" for n in view.nodes
                           if n.lane == lane and kind[n.id] not in DATA)
            proc.append(f'<bpmn:lane id="Lane_{k}" name={quoteattr(lane)}>{refs}</bpmn:lane>')
        proc.append("</bpmn:laneSet>")
    for n in view.nodes:
        el, nid = kind[n.id], _id(n.id)
        if el == "dataObjectReference":
            proc.append(f'<bpmn:dataObject id="DataObject_{n.id}"/>')
            proc.append(f'<bpmn:dataObjectReference id="{nid}" name={quoteattr(name[n.id])} '
                        f'dataObjectRef="DataObject_{n.id}"/>')
            continue
        if el == "dataStoreReference":
            proc.append(f'<bpmn:dataStoreReference id="{nid}" name={quoteattr(name[n.id])}/>')
            continue
        body = "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in incoming[n.id])
        body += "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing[n.id])
        if data_in.get(n.id):
            body += f'<bpmn:property id="Property_{n.id}" name="__targetRef_placeholder"/>'
            body += "".join(f'<bpmn:dataInputAssociation id="{fid}"><bpmn:sourceRef>{_id(e.src)}</bpmn:sourceRef>'
                            f"<bpmn:targetRef>Property_{n.id}</bpmn:targetRef></bpmn:dataInputAssociation>"
                            for fid, e in data_in[n.id])
        body += "".join(f'<bpmn:dataOutputAssociation id="{fid}"><bpmn:targetRef>{_id(e.dst)}</bpmn:targetRef>'
                        "</bpmn:dataOutputAssociation>" for fid, e in data_out.get(n.id, []))
        proc.append(f'<bpmn:{el} id="{nid}" name={quoteattr(name[n.id])}>{body}</bpmn:{el}>')
    for fid, e in flows:
        label = edge_text(e)
        attr = f" name={quoteattr(label)}" if label else ""
        proc.append(f'<bpmn:sequenceFlow id="{fid}" sourceRef="{_id(e.src)}" targetRef="{_id(e.dst)}"{attr}/>')
    for fid, e in assocs:
        proc.append(f'<bpmn:association id="{fid}" sourceRef="{_id(e.src)}" targetRef="{_id(e.dst)}" '
                    'associationDirection="One"/>')
    di = _di(p, lanes)
    title = view.title or view.name
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<bpmn:definitions {NS} id="Definitions_1" targetNamespace="https://flowdsl.invalid/bpmn" '
            'exporter="flowdsl">']
    if lanes:
        head.append(f'<bpmn:collaboration id="Collaboration_1"><bpmn:participant id="Pool_1" '
                    f'name={quoteattr(title)} processRef="Process_1"/></bpmn:collaboration>')
    head.append(f'<bpmn:process id="Process_1" name={quoteattr(title)} isExecutable="false">')
    plane = "Collaboration_1" if lanes else "Process_1"
    tail = ["</bpmn:process>", '<bpmndi:BPMNDiagram id="Diagram_1">'
            f'<bpmndi:BPMNPlane id="Plane_1" bpmnElement="{plane}">'] + di + [
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>", "</bpmn:definitions>"]
    return ("\n".join(head + proc + tail) + "\n").encode("utf-8")


def shape_bounds(n) -> tuple[float, float, float, float]:
    """A node's DI bounds: our box, except that an event is a circle in BPMN tools (drawn
    with radius (w + h) / 4), so it gets a square on our box's centre, as high as our box."""
    if ELEMENTS.get(n.node.kind, "task").endswith("Event") and n.w != n.h:
        side = min(n.w, n.h)
        return n.x + (n.w - side) / 2, n.y + (n.h - side) / 2, side, side
    return n.x, n.y, n.w, n.h


def _bounds(x: float, y: float, w: float, h: float) -> str:
    return f'<dc:Bounds x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"/>'


def _di(p: Placed, lanes: list[str]) -> list[str]:
    from flowdsl.render.specs import edge_label_spec

    out = []
    vertical = not p.horizontal
    hz = ' isHorizontal="false"' if vertical else ' isHorizontal="true"'
    if p.lanes:
        x0 = min(la.x for la in p.lanes)
        y0 = min(la.y for la in p.lanes)
        x1 = max(la.x + la.w for la in p.lanes)
        y1 = max(la.y + la.h for la in p.lanes)
        band = 30.0  # the pool's name band: on top of vertical lanes, left of horizontal ones
        pool = (x0, y0 - band, x1 - x0, y1 - y0 + band) if vertical else (x0 - band, y0, x1 - x0 + band, y1 - y0)
        out.append(f'<bpmndi:BPMNShape id="Pool_1_di" bpmnElement="Pool_1"{hz}>{_bounds(*pool)}</bpmndi:BPMNShape>')
        for k, la in enumerate(p.lanes, 1):
            out.append(f'<bpmndi:BPMNShape id="Lane_{k}_di" bpmnElement="Lane_{k}"{hz}>'
                       f"{_bounds(la.x, la.y, la.w, la.h)}</bpmndi:BPMNShape>")
    for n in p.nodes:
        nid = _id(n.node.id)
        out.append(f'<bpmndi:BPMNShape id="{nid}_di" bpmnElement="{nid}">{_bounds(*shape_bounds(n))}'
                   "</bpmndi:BPMNShape>")
    for e in p.edges:
        fid = f"Flow_e{e.index}"
        pts = "".join(f'<di:waypoint x="{_n(x)}" y="{_n(y)}"/>' for x, y in e.points)
        label = ""
        spec = edge_label_spec(e.edge)
        if e.label_pos is not None and spec is not None:
            (lx, ly), w, h = e.label_pos, float(spec.width), float(spec.height)
            label = f"<bpmndi:BPMNLabel>{_bounds(lx - w / 2, ly - h / 2, w, h)}</bpmndi:BPMNLabel>"
        out.append(f'<bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">{pts}{label}</bpmndi:BPMNEdge>')
    return out
