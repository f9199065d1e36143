import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { COUNTRY_CODES, type CountryCode } from '../../shared/vocab';
import type { Bin } from '../lib/dashboardQuery';
import { binIndex, colourFor } from '../lib/scales';
import { ChartScroller } from './ChartFigure';

/** ISO 3166-1 numeric codes, as world-atlas (Natural Earth) identifies its countries. */
export const ISO_NUMERIC: Record<CountryCode, string> = {
  BN: '096',
  KH: '116',
  ID: '360',
  LA: '418',
  MY: '458',
  MM: '104',
  PH: '608',
  SG: '702',
  TH: '764',
  VN: '704',
  TL: '626',
};

/**
 * States too small to see or reach at this scale (Singapore is not even in the 1:110m atlas):
 * each gets a marker of a fixed size at this point, and its name written beside it.
 */
const SMALL_STATES: Partial<Record<CountryCode, { at: [number, number]; dx: number; dy: number }>> = {
  SG: { at: [103.82, 1.35], dx: -10, dy: 18 },
  BN: { at: [114.73, 4.54], dx: 10, dy: -8 },
};

const WIDTH = 640;
const HEIGHT = 420;

type CountryFeature = Feature<Geometry, { name?: string }>;

async function loadAtlas(): Promise<Map<string, CountryFeature>> {
  // The 1:110m atlas (about 40 kB compressed) loads only with the map, in its own chunk.
  const mod = await import('world-atlas/countries-110m.json');
  const topology = mod.default as unknown as Topology<{ countries: GeometryCollection<{ name?: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name?: string }>;
  return new Map(collection.features.map((f) => [String(f.id), f]));
}

export interface MapDatum {
  code: CountryCode;
  name: string;
  value: number;
  /** The value as written on the map and in its accessible name. */
  text: string;
  href: string;
}

interface Props {
  label: string;
  data: MapDatum[];
  bins: readonly Bin[];
}

/** The ASEAN member states and Timor-Leste, each shaded by its class and linked to its activities. */
export function AseanMap({ label, data, bins }: Props) {
  const intl = useIntl();
  const navigate = useNavigate();
  const [atlas, setAtlas] = useState<Map<string, CountryFeature> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (a) => live && setAtlas(a),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const shapes = useMemo(() => {
    if (!atlas) return null;
    const features = COUNTRY_CODES.map((c) => atlas.get(ISO_NUMERIC[c])).filter((f): f is CountryFeature => !!f);
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [WIDTH - 12, HEIGHT - 12],
      ],
      { type: 'FeatureCollection', features },
    );
    const path = geoPath(projection);
    const marker = geoPath(projection).pointRadius(7);
    return new Map(
      COUNTRY_CODES.map((code) => {
        const small = SMALL_STATES[code];
        const f = atlas.get(ISO_NUMERIC[code]);
        const point = small ? projection(small.at) : null;
        const d = f ? path(f) : small ? marker({ type: 'Point', coordinates: small.at }) : null;
        const centroid = point ?? (f ? path.centroid(f) : null);
        return [
          code,
          { d, marker: f && small ? marker({ type: 'Point', coordinates: small.at }) : null, centroid, small },
        ];
      }),
    );
  }, [atlas]);

  if (failed) return <p className="chart__note">{intl.formatMessage({ id: 'dashboard.mapUnavailable' })}</p>;
  if (!shapes) return <p className="chart__note">{intl.formatMessage({ id: 'dashboard.mapLoading' })}</p>;

  return (
    <ChartScroller label={label}>
      <svg
        className="chart__svg asean-map"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="group"
        aria-label={label}
      >
        <defs>
          <pattern id="map-none" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9e9e9e" strokeWidth="1.5" />
          </pattern>
        </defs>
        <rect width={WIDTH} height={HEIGHT} fill="#f4f8fb" aria-hidden="true" />
        {data.map((d) => {
          const shape = shapes.get(d.code);
          if (!shape?.d) return null;
          const index = binIndex(d.value, bins);
          const fill = index < 0 ? 'url(#map-none)' : colourFor(index, bins.length).fill;
          const name = intl.formatMessage({ id: 'dashboard.mapCountry' }, { country: d.name, value: d.text });
          return (
            <a
              key={d.code}
              href={d.href}
              className="asean-map__link"
              onClick={(e) => {
                e.preventDefault();
                void navigate(d.href);
              }}
            >
              <path
                d={shape.d}
                fill={fill}
                stroke="#333333"
                strokeWidth={shape.small && !shape.marker ? 1.5 : 0.75}
                data-country={d.code}
                data-value={d.value}
                role="img"
                aria-label={name}
              >
                <title>{name}</title>
              </path>
              {shape.marker && (
                <path d={shape.marker} fill={fill} stroke="#333333" strokeWidth={1.5} aria-hidden="true" />
              )}
            </a>
          );
        })}
        <g aria-hidden="true" className="asean-map__labels">
          {data.map((d) => {
            const shape = shapes.get(d.code);
            if (!shape?.centroid) return null;
            const [cx, cy] = shape.centroid;
            const text = shape.small ? `${d.name}: ${d.text}` : d.text;
            return (
              <text
                key={d.code}
                x={cx + (shape.small?.dx ?? 0)}
                y={cy + (shape.small?.dy ?? 4)}
                textAnchor={shape.small ? (shape.small.dx < 0 ? 'end' : 'start') : 'middle'}
                fontSize={12}
                className="asean-map__label"
              >
                {text}
              </text>
            );
          })}
        </g>
      </svg>
    </ChartScroller>
  );
}
