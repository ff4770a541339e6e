/* Pantau serves everything itself: Plotly's geo maps (the kabupaten/kota choropleth) draw
   from the GeoJSON shipped with Pantau and hide the basemap, yet plotly.js still asks
   cdn.plot.ly for a world topology whenever a choropleth is on the page. Seeding an empty
   topology here keeps the map offline (no request, no console error). */
(function () {
  var empty = {type: "Topology", objects: {}, arcs: []};
  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};
  assets.topojson = assets.topojson || {};
  ["world_110m", "world_50m"].forEach(function (name) {
    if (assets.topojson[name] === undefined) { assets.topojson[name] = empty; }
  });
})();
